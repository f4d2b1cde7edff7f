using Mediator;
using Outreach.Cases.People;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Cases.FollowUps;

/// <summary>A person's follow-ups: open ones first, soonest due first, then done and cancelled ones, latest due first.</summary>
public sealed record ListFollowUps(Guid PersonId) : IQuery<IReadOnlyList<FollowUpDetails>>, IAuditedRequest
{
    string IAuditedRequest.AuditEntity => "person";
    Guid? IAuditedRequest.AuditEntityId => PersonId;
}

internal sealed class ListFollowUpsHandler(DbSession db, ICurrentUser caller, ISender sender) : IQueryHandler<ListFollowUps, IReadOnlyList<FollowUpDetails>>
{
    private const string Sql = "SELECT " + FollowUpRecord.Columns + " FROM cases_follow_up WHERE person_id = @PersonId";

    public async ValueTask<IReadOnlyList<FollowUpDetails>> Handle(ListFollowUps query, CancellationToken cancellationToken)
    {
        caller.Require(Roles.OutreachWorker, Roles.Coordinator);
        await db.RequireInScopeAsync(sender, query.PersonId, cancellationToken);
        var rows = await db.QueryAsync<FollowUpDetails>(Sql, new { query.PersonId }, cancellationToken);
        var open = rows.Where(f => f.Status == "open").OrderBy(f => f.DueOn).ThenBy(f => f.Id);
        var closed = rows.Where(f => f.Status != "open").OrderByDescending(f => f.DueOn).ThenBy(f => f.Id);
        return [.. open.Concat(closed)];
    }
}
