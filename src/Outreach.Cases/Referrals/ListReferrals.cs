using Mediator;
using Outreach.Cases.People;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Cases.Referrals;

public sealed record ReferralListItem
{
    public required Guid Id { get; init; }
    public required Guid ServiceId { get; init; }
    public required string ServiceName { get; init; }
    public required string Status { get; init; }
    public DateTimeOffset? SentAt { get; init; }
    public DateTimeOffset? EscalatedAt { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A person's referrals, newest first.</summary>
public sealed record ListReferrals(Guid PersonId) : IQuery<IReadOnlyList<ReferralListItem>>, IAuditedRequest
{
    string IAuditedRequest.AuditEntity => "person";
    Guid? IAuditedRequest.AuditEntityId => PersonId;
}

internal sealed class ListReferralsHandler(DbSession db, ICurrentUser caller, ISender sender) : IQueryHandler<ListReferrals, IReadOnlyList<ReferralListItem>>
{
    private const string Sql = """
        SELECT r.id, r.service_id, s.name AS service_name, r.status, r.sent_at, r.escalated_at, r.created_at
        FROM cases_referral r JOIN cases_service s ON s.id = r.service_id
        WHERE r.person_id = @PersonId
        ORDER BY r.created_at DESC, r.id DESC
        """;

    public async ValueTask<IReadOnlyList<ReferralListItem>> Handle(ListReferrals query, CancellationToken cancellationToken)
    {
        caller.Require(Roles.OutreachWorker, Roles.Coordinator);
        await db.RequireInScopeAsync(sender, query.PersonId, cancellationToken);
        return await db.QueryAsync<ReferralListItem>(Sql, new { query.PersonId }, cancellationToken);
    }
}
