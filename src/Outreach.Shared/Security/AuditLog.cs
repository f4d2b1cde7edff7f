using Outreach.Shared.Data;

namespace Outreach.Shared.Security;

/// <summary>A request that reads or writes personal data; the audit behavior records every such call.</summary>
public interface IAuditedRequest
{
    string AuditEntity { get; }
    Guid? AuditEntityId { get; }
}

public static class AuditOutcome
{
    public const string Allowed = "allowed";
    public const string Denied = "denied";
    public const string Failed = "failed";
}

public sealed record AuditEntry(string Action, string Entity, Guid? EntityId, string Outcome, string? Detail = null);

/// <summary>Append-only, enforced by database triggers. Written through the request's session, inside its transaction if it has one.</summary>
public sealed class AuditLog(DbSession session, ICurrentUser user, TimeProvider time)
{
    internal const string InsertSql = """
        INSERT INTO shared_audit_log (id, occurred_at, user_id, user_role, action, entity, entity_id, outcome, client_address, detail)
        VALUES (@Id, @OccurredAt, @UserId, @UserRole, @Action, @Entity, @EntityId, @Outcome, @ClientAddress, @Detail)
        """;

    public Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken) =>
        session.ExecuteAsync(InsertSql, Row(entry, user), cancellationToken);

    private object Row(AuditEntry entry, ICurrentUser actor) => new
    {
        Id = NewId.Next(time),
        OccurredAt = time.GetUtcNow(),
        UserId = actor.IsAuthenticated ? actor.UserId : (Guid?)null,
        UserRole = Bounded(actor.IsAuthenticated ? actor.Role : null, 32),
        Action = Bounded(entry.Action, 100),
        Entity = Bounded(entry.Entity, 64),
        entry.EntityId,
        entry.Outcome,
        ClientAddress = Bounded(actor.ClientAddress, 64),
        Detail = Bounded(entry.Detail, 500),
    };

    /// <summary>The columns are bounded; a long value is cut rather than losing the entry (PostgreSQL and SQL Server refuse it).</summary>
    private static string? Bounded(string? text, int length) => text is { } value && value.Length > length ? value[..length] : text;
}
