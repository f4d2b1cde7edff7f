using Outreach.Cases.Consent;
using Outreach.Cases.Contracts;
using Outreach.Shared;
using Outreach.Shared.Data;

namespace Outreach.Cases.Referrals;

/// <summary>What a provider without an account sees through a referral code: never risk or health notes, and nothing personal without consent.</summary>
public sealed record ProviderReferralView(
    string ServiceName, string Status, bool Shareable, string? PersonReference, string? FirstName, string? Reason, DateTimeOffset ExpiresAt,
    bool MayRespond);

/// <summary>A code that does not exist, expired, or was used. The same words for each, so a code reveals nothing about a referral.</summary>
internal sealed class ReferralCodeProblem(int status)
    : OutreachProblem(status, status == 404 ? "Not found" : "Gone", "This referral link is not valid. Ask the outreach worker who sent it for a new one.");

internal sealed record CodeRow
{
    public required Guid Id { get; init; }
    public required Guid PersonId { get; init; }
    public required Guid ServiceId { get; init; }
    public required string ServiceName { get; init; }
    public required string Status { get; init; }
    public required string Reason { get; init; }
    public required DateTimeOffset CodeExpiresAt { get; init; }
    public required int Version { get; init; }
    public required Guid CreatedBy { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required string ContentHash { get; init; }
    public string? Reference { get; init; }
    public string? GivenName { get; init; }
}

internal static class ProviderReferral
{
    private const string ByCodeSql = """
        SELECT r.id, r.person_id, r.service_id, s.name AS service_name, r.status, r.reason, r.code_expires_at, r.version, r.created_by,
            r.created_at, r.content_hash, p.reference, p.given_name
        FROM cases_referral r
        JOIN cases_service s ON s.id = r.service_id
        JOIN cases_person p ON p.id = r.person_id
        WHERE r.code_hash = @CodeHash
        """;

    /// <summary>The referral a live code opens, with whether consent still allows sharing; a wrong code is 404, an expired or used one 410.</summary>
    public static async Task<(CodeRow Row, bool Shareable)> RequireLiveCodeAsync(this DbSession db, TimeProvider time, string code, CancellationToken cancellationToken)
    {
        if (!ReferralRecord.LooksLikeCode(code)) throw new ReferralCodeProblem(404);
        var row = await db.QuerySingleOrDefaultAsync<CodeRow>(ByCodeSql, new { CodeHash = ReferralRecord.HashOfCode(code) }, cancellationToken)
            ?? throw new ReferralCodeProblem(404);
        if (row.Status != ReferralRecord.Sent || row.CodeExpiresAt <= time.GetUtcNow()) throw new ReferralCodeProblem(410);
        var consents = await ConsentLedger.CurrentAsync(db, time, row.PersonId, cancellationToken);
        return (row, consents.Any(c => c.Purpose == ConsentPurpose.ReferralSharing && c.InForce));
    }

    public static ProviderReferralView View(CodeRow row, bool shareable, string status) => shareable
        ? new ProviderReferralView(row.ServiceName, status, true, row.Reference, row.GivenName, row.Reason, row.CodeExpiresAt, status == ReferralRecord.Sent)
        : new ProviderReferralView(row.ServiceName, status, false, null, null, null, row.CodeExpiresAt, false);
}
