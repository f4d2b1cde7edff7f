using Mediator;
using Outreach.Organization.Contracts;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Organization.Regions;

internal sealed class GetCallerScopeHandler(DbSession db, ICurrentUser caller) : IQueryHandler<GetCallerScope, RegionScope>
{
    public async ValueTask<RegionScope> Handle(GetCallerScope query, CancellationToken cancellationToken) =>
        await db.OfCallerAsync(caller, cancellationToken);
}

internal sealed class GetRegionSubtreeHandler(DbSession db, ICurrentUser caller) : IQueryHandler<GetRegionSubtree, IReadOnlyList<RegionSummary>>
{
    internal const string Sql = """
        SELECT r.id, r.parent_id, r.level, r.name, r.local_name, r.path, r.version
        FROM org_region r
        WHERE
        """ + " " + Scope.RegionIn + " ORDER BY r.path";

    public async ValueTask<IReadOnlyList<RegionSummary>> Handle(GetRegionSubtree query, CancellationToken cancellationToken)
    {
        var root = await db.RequireInScopeAsync(query.RegionId, caller, cancellationToken);
        var rows = await db.QueryAsync<RegionRow>(Sql, root.Subtree.SqlArgs(db, new { }), cancellationToken);
        return [.. rows.Select(r => r.ToSummary())];
    }
}

internal sealed class CountRegionsBelowHandler(DbSession db, ICurrentUser caller) : IQueryHandler<CountRegionsBelow, IReadOnlyList<RegionCount>>
{
    internal const string Sql = """
        SELECT r.level, COUNT(*) AS count
        FROM org_region r
        WHERE r.id <> @Id AND
        """ + " " + Scope.RegionIn + " GROUP BY r.level ORDER BY r.level";

    public async ValueTask<IReadOnlyList<RegionCount>> Handle(CountRegionsBelow query, CancellationToken cancellationToken)
    {
        var root = await db.RequireInScopeAsync(query.RegionId, caller, cancellationToken);
        return await db.QueryAsync<RegionCount>(Sql, root.Subtree.SqlArgs(db, new { root.Id }), cancellationToken);
    }
}

internal sealed class RequireRegionInScopeHandler(DbSession db, ICurrentUser caller) : IQueryHandler<RequireRegionInScope, RegionSummary>
{
    public async ValueTask<RegionSummary> Handle(RequireRegionInScope query, CancellationToken cancellationToken) =>
        (await db.RequireInScopeAsync(query.RegionId, caller, cancellationToken)).ToSummary();
}

internal sealed class FindRegionInScopeHandler(DbSession db, ICurrentUser caller) : IQueryHandler<FindRegionInScope, RegionSummary?>
{
    public async ValueTask<RegionSummary?> Handle(FindRegionInScope query, CancellationToken cancellationToken)
    {
        var row = await db.QuerySingleOrDefaultAsync<RegionRow>(Scope.FindRegionSql, new { Id = query.RegionId, CallerId = caller.UserId }, cancellationToken);
        return row?.ToSummary();
    }
}
