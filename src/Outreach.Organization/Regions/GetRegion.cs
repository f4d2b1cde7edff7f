using Mediator;
using Outreach.Organization.Contracts;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Organization.Regions;

public sealed record RegionDetails(
    Guid Id, Guid? ParentId, RegionLevel Level, string Name, string? LocalName, int Version, int ChildCount,
    IReadOnlyList<RegionCrumb> Ancestors);

public sealed record RegionCrumb
{
    public required Guid Id { get; init; }
    public required RegionLevel Level { get; init; }
    public required string Name { get; init; }
    public string? LocalName { get; init; }
}

public sealed record GetRegion(Guid Id) : IQuery<RegionDetails>;

internal sealed class GetRegionHandler(DbSession db, ICurrentUser caller) : IQueryHandler<GetRegion, RegionDetails>
{
    internal const string AncestorsSql = """
        SELECT a.id, a.level, a.name, a.local_name
        FROM org_region a
        WHERE a.id IN (@CountryId, @StateId, @DistrictId, @BlockId) AND a.id <> @Id
        ORDER BY a.level
        """;

    private const string ChildCountSql = "SELECT COUNT(*) FROM org_region WHERE parent_id = @Id";

    public async ValueTask<RegionDetails> Handle(GetRegion query, CancellationToken cancellationToken)
    {
        var region = await db.RequireInScopeAsync(query.Id, caller, cancellationToken);
        var ancestors = await db.QueryAsync<RegionCrumb>(AncestorsSql, new { region.CountryId, region.StateId, region.DistrictId, region.BlockId, region.Id }, cancellationToken);
        var children = await db.ExecuteScalarAsync<long>(ChildCountSql, new { region.Id }, cancellationToken);
        return new RegionDetails(region.Id, region.ParentId, (RegionLevel)region.Level, region.Name, region.LocalName,
            region.Version, (int)children, ancestors);
    }
}
