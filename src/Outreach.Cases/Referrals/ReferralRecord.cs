using System.Security.Cryptography;
using System.Text;
using Mediator;
using Outreach.Organization.Contracts;
using Outreach.Shared;
using Outreach.Shared.Data;

namespace Outreach.Cases.Referrals;

internal sealed class ReferralOptions
{
    public const string Section = "Cases:Referrals";

    public int EscalateAfterDays { get; set; } = 7;
    public int CodeValidDays { get; set; } = 14;
}

public sealed record ReferralEvent
{
    public string? FromStatus { get; init; }
    public required string ToStatus { get; init; }
    public required string Actor { get; init; }
    public string? Note { get; init; }
    public required DateTimeOffset At { get; init; }
}

public sealed record ReferralDetails(
    Guid Id, Guid PersonId, Guid ServiceId, string ServiceName, string Status, string Reason, DateTimeOffset? CodeExpiresAt,
    DateTimeOffset? SentAt, DateTimeOffset? EscalatedAt, DateTimeOffset CreatedAt, int Version, IReadOnlyList<string> AllowedNext,
    IReadOnlyList<ReferralEvent> History);

internal sealed record ReferralRow
{
    public required Guid Id { get; init; }
    public required Guid PersonId { get; init; }
    public required Guid ServiceId { get; init; }
    public required string ServiceName { get; init; }
    public required string Status { get; init; }
    public required string Reason { get; init; }
    public string? CodeHash { get; init; }
    public DateTimeOffset? CodeExpiresAt { get; init; }
    public DateTimeOffset? SentAt { get; init; }
    public DateTimeOffset? EscalatedAt { get; init; }
    public required Guid CreatedBy { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required string ContentHash { get; init; }
    public required int Version { get; init; }
}

/// <summary>
/// The closed loop: created → sent → accepted → attended → closed, or declined, expired or withdrawn on the way.
/// Every move is checked here, written with the status it came from, and appended to the referral's history.
/// </summary>
internal static class ReferralRecord
{
    public const string Created = "created", Sent = "sent", Accepted = "accepted", Attended = "attended", Closed = "closed",
        Declined = "declined", Expired = "expired", Withdrawn = "withdrawn";

    private static readonly Dictionary<string, string[]> Next = new()
    {
        [Created] = [Sent, Withdrawn],
        [Sent] = [Sent, Accepted, Declined, Expired, Withdrawn],
        [Accepted] = [Attended, Withdrawn],
        [Attended] = [Closed],
        [Declined] = [Closed],
        [Expired] = [Sent, Closed],
        [Closed] = [],
        [Withdrawn] = [],
    };

    public static IReadOnlyList<string> AllowedFrom(string status) => Next.TryGetValue(status, out var next) ? next : [];

    public const string Scope = """
        ({in:r.country_id,@CountryIds} OR {in:r.state_id,@StateIds} OR {in:r.district_id,@DistrictIds}
         OR {in:r.block_id,@BlockIds} OR {in:r.village_id,@VillageIds})
        """;

    public const string Columns = """
        r.id, r.person_id, r.service_id, s.name AS service_name, r.status, r.reason, r.code_hash, r.code_expires_at, r.sent_at,
        r.escalated_at, r.created_by, r.created_at, r.content_hash, r.version
        """;

    public const string From = "FROM cases_referral r JOIN cases_service s ON s.id = r.service_id";

    private const string InScopeSql = "SELECT " + Columns + " " + From + " WHERE r.id = @Id AND " + Scope;

    private const string ExistsSql = "SELECT COUNT(*) FROM cases_referral WHERE id = @Id";

    private const string HistorySql = """
        SELECT from_status, to_status, actor, note, at FROM cases_referral_event WHERE referral_id = @Id ORDER BY at, id
        """;

    private const string MoveSql = """
        UPDATE cases_referral SET status = @To, version = version + 1, updated_at = @Now WHERE id = @Id AND status = @From
        """;

    private const string EventSql = """
        INSERT INTO cases_referral_event (id, referral_id, from_status, to_status, actor, note, at)
        VALUES (@Id, @ReferralId, @FromStatus, @ToStatus, @Actor, @Note, @At)
        """;

    public static async Task<ReferralRow> RequireReferralInScopeAsync(this DbSession db, ISender sender, Guid id, CancellationToken cancellationToken)
    {
        var scope = await sender.Send(new GetCallerScope(), cancellationToken);
        return await db.RequireInScopeAsync<ReferralRow>(InScopeSql, scope.SqlArgs(db, new { Id = id }), ExistsSql, "referral", id, cancellationToken);
    }

    public static void RequireMove(ReferralRow referral, string to)
    {
        var allowed = AllowedFrom(referral.Status);
        if (allowed.Contains(to)) return;
        throw new UnprocessableProblem(allowed.Count == 0
            ? $"The referral is {referral.Status}; it cannot change any more."
            : $"The referral is {referral.Status}; it can only become {string.Join(", ", allowed)}, not {to}.")
        {
            Extensions = { ["status"] = referral.Status, ["allowed"] = allowed },
        };
    }

    /// <summary>Move the referral if it is still in the status it was read in, and append the move to its history.</summary>
    public static async Task MoveAsync(this DbSession db, TimeProvider time, ReferralRow referral, string to, string actor, string? note,
        CancellationToken cancellationToken)
    {
        RequireMove(referral, to);
        var now = time.GetUtcNow();
        if (await db.ExecuteAsync(MoveSql, new { referral.Id, To = to, From = referral.Status, Now = now }, cancellationToken) == 0)
        {
            throw new ConcurrencyProblem("referral", referral.Version);
        }
        await db.AppendEventAsync(time, referral.Id, referral.Status, to, actor, note, cancellationToken);
    }

    public static Task AppendEventAsync(this DbSession db, TimeProvider time, Guid referralId, string? from, string to, string actor, string? note,
        CancellationToken cancellationToken) =>
        db.ExecuteAsync(EventSql, new
        {
            Id = NewId.Next(time), ReferralId = referralId, FromStatus = from, ToStatus = to, Actor = actor, Note = Text.OrNull(note), At = time.GetUtcNow(),
        }, cancellationToken);

    public static async Task<ReferralDetails> DetailsAsync(this DbSession db, ISender sender, Guid id, CancellationToken cancellationToken)
    {
        var row = await db.RequireReferralInScopeAsync(sender, id, cancellationToken);
        var history = await db.QueryAsync<ReferralEvent>(HistorySql, new { Id = id }, cancellationToken);
        return new ReferralDetails(row.Id, row.PersonId, row.ServiceId, row.ServiceName, row.Status, row.Reason, row.CodeExpiresAt, row.SentAt,
            row.EscalatedAt, row.CreatedAt, row.Version, AllowedFrom(row.Status), history);
    }

    private const string CodeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    /// <summary>Eight characters a provider can read over the phone: no 0/O, 1/I/L.</summary>
    public static string NewCode() => string.Create(8, 0, (span, _) =>
    {
        for (var i = 0; i < span.Length; i++) span[i] = CodeAlphabet[RandomNumberGenerator.GetInt32(CodeAlphabet.Length)];
    });

    public static string HashOfCode(string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(code.Trim().ToUpperInvariant())));

    public static bool LooksLikeCode(string? code) =>
        code is not null && code.Trim().Length == 8 && code.Trim().ToUpperInvariant().All(c => CodeAlphabet.Contains(c));
}
