using Mediator;
using Outreach.Organization.Contracts;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Organization.Regions;

public sealed record RegionListItem
{
    public required Guid Id { get; init; }
    public required RegionLevel Level { get; init; }
    public required string Name { get; init; }
    public string? LocalName { get; init; }
    public required int ChildCount { get; init; }
}

/// <summary>The children of a region in scope; without a parent, the caller's own assigned regions.</summary>
public sealed record ListRegions(Guid? ParentId) : IQuery<IReadOnlyList<RegionListItem>>;

internal sealed class ListRegionsHandler(DbSession db, ICurrentUser caller) : IQueryHandler<ListRegions, IReadOnlyList<RegionListItem>>
{
    private const string AssignedSql = """
        SELECT r.id, r.level, r.name, r.local_name, (SELECT COUNT(*) FROM org_region c WHERE c.parent_id = r.id) AS child_count
        FROM org_user_region ur
        JOIN org_region r ON r.id = ur.region_id
        WHERE ur.user_id = @CallerId
        ORDER BY r.level, r.name
        """;

    internal const string ChildrenSql = """
        SELECT r.id, r.level, r.name, r.local_name, (SELECT COUNT(*) FROM org_region c WHERE c.parent_id = r.id) AS child_count
        FROM org_region r
        WHERE r.parent_id = @ParentId
        ORDER BY r.name
        """;

    public async ValueTask<IReadOnlyList<RegionListItem>> Handle(ListRegions query, CancellationToken cancellationToken)
    {
        if (query.ParentId is not { } parentId)
        {
            return await db.QueryAsync<RegionListItem>(AssignedSql, new { CallerId = caller.UserId }, cancellationToken);
        }
        await db.RequireInScopeAsync(parentId, caller, cancellationToken);
        return await db.QueryAsync<RegionListItem>(ChildrenSql, new { ParentId = parentId }, cancellationToken);
    }
}
