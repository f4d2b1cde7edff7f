using Outreach.Cases.Contracts;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Cases.Consent;

public sealed record ConsentStatus(ConsentPurpose Purpose, bool Granted, bool InForce, ConsentMethod Method, DateOnly? ExpiresOn, DateTimeOffset RecordedAt);

/// <summary>Consent is an append-only ledger per person and purpose; the latest entry decides, and an expired grant no longer counts.</summary>
internal static class ConsentLedger
{
    private const string InsertSql = """
        INSERT INTO cases_consent (id, person_id, purpose, granted, method, expires_on, recorded_by, recorded_at)
        VALUES (@Id, @PersonId, @Purpose, @Granted, @Method, @ExpiresOn, @RecordedBy, @RecordedAt)
        """;

    private const string LedgerSql = """
        SELECT purpose, granted, method, expires_on, recorded_at FROM cases_consent WHERE person_id = @PersonId ORDER BY recorded_at, id
        """;

    private sealed record Entry
    {
        public required string Purpose { get; init; }
        public required bool Granted { get; init; }
        public required string Method { get; init; }
        public DateOnly? ExpiresOn { get; init; }
        public required DateTimeOffset RecordedAt { get; init; }
    }

    public static Task AppendAsync(DbSession db, TimeProvider time, ICurrentUser caller, Guid personId, ConsentPurpose purpose, bool granted,
        ConsentMethod method, DateOnly? expiresOn, CancellationToken cancellationToken) =>
        db.ExecuteAsync(InsertSql, new
        {
            Id = NewId.Next(time),
            PersonId = personId,
            Purpose = purpose.ToString(),
            Granted = granted,
            Method = method.ToString(),
            ExpiresOn = expiresOn,
            RecordedBy = caller.UserId,
            RecordedAt = time.GetUtcNow(),
        }, cancellationToken);

    /// <summary>Case work on a person (edits, visits, follow-ups) needs their consent to case work, in force today.</summary>
    public static async Task RequireCaseWorkAsync(DbSession db, TimeProvider time, Guid personId, CancellationToken cancellationToken)
    {
        var current = await CurrentAsync(db, time, personId, cancellationToken);
        if (!current.Any(c => c.Purpose == ConsentPurpose.CaseWork && c.InForce))
        {
            throw new UnprocessableProblem("This person's consent to case work was withdrawn or has expired; record it again first.");
        }
    }

    public static async Task<IReadOnlyList<ConsentStatus>> CurrentAsync(DbSession db, TimeProvider time, Guid personId, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var ledger = await db.QueryAsync<Entry>(LedgerSql, new { PersonId = personId }, cancellationToken);
        return [.. ledger
            .GroupBy(e => e.Purpose)
            .Select(g => g.Last())
            .Select(e => new ConsentStatus(
                Enum.Parse<ConsentPurpose>(e.Purpose), e.Granted, e.Granted && (e.ExpiresOn is null || e.ExpiresOn >= today),
                Enum.Parse<ConsentMethod>(e.Method), e.ExpiresOn, e.RecordedAt))
            .OrderBy(c => c.Purpose)];
    }
}
