using Mediator;
using Outreach.Organization.Contracts;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;
using Outreach.Surveys.Templates;

namespace Outreach.Surveys.Responses;

/// <summary>Coordinators: responses that arrived twice with different content, waiting for someone to pick the true one.</summary>
public sealed record ListSyncConflicts(bool OpenOnly = true) : IQuery<IReadOnlyList<SyncConflict>>;

internal sealed class ListSyncConflictsHandler(DbSession db, ICurrentUser caller, ISender sender) : IQueryHandler<ListSyncConflicts, IReadOnlyList<SyncConflict>>
{
    /// <summary>A conflict beside the stored response it contradicts.</summary>
    internal const string Select = """
        SELECT c.id, c.response_id, r.village_id, r.answers AS stored, c.submitted, c.submitted_by, c.received_at, c.status, c.replaced
        FROM surveys_sync_conflict c JOIN surveys_response r ON r.id = c.response_id
        """;

    private const string Sql = Select + " WHERE (@OpenOnly = {false} OR c.status = 'open') AND " + SurveysScope.Response + " ORDER BY c.received_at {page}";

    public async ValueTask<IReadOnlyList<SyncConflict>> Handle(ListSyncConflicts query, CancellationToken cancellationToken)
    {
        caller.Require(Roles.Coordinator);
        var scope = await sender.Send(new GetCallerScope(), cancellationToken);
        return await db.QueryAsync<SyncConflict>(Sql, scope.SqlArgs(db, new { query.OpenOnly, Skip = 0, Take = 500 }), cancellationToken);
    }
}
