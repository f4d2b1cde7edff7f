using Outreach.Organization.Contracts;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Organization;

/// <summary>
/// SQL that limits rows to the caller's region subtree by the ancestry ids each region stores (ADR 0016). Every query
/// over regions or users includes one of these.
/// </summary>
internal static class Scope
{
    /// <summary>
    /// Region row <c>r</c> is one of the regions of <see cref="RegionScope.SqlArgs"/> or lies below one: one indexed
    /// equality per level, so a list reads only the caller's part of the tree. For lists; load the scope first.
    /// </summary>
    public const string RegionIn = """
        ({in:r.country_id,@CountryIds} OR {in:r.state_id,@StateIds} OR {in:r.district_id,@DistrictIds}
         OR {in:r.block_id,@BlockIds} OR {in:r.id,@VillageIds})
        """;

    /// <summary>
    /// Region row <c>r</c>, already found by its key, lies at or under one of the regions assigned to @CallerId:
    /// at most five primary-key probes of the caller's assignments.
    /// </summary>
    public const string RegionAssignedToCaller = """
        EXISTS (SELECT 1 FROM org_user_region scope_ur
                WHERE scope_ur.user_id = @CallerId AND scope_ur.region_id IN (r.id, r.block_id, r.district_id, r.state_id, r.country_id))
        """;

    /// <summary>User row <c>u</c>, already found by its key, is assigned somewhere inside the caller's scope.</summary>
    public const string UserAssignedToCaller = """
        EXISTS (SELECT 1 FROM org_user_region vis_ur JOIN org_region r ON r.id = vis_ur.region_id
                WHERE vis_ur.user_id = u.id AND
        """ + " " + RegionAssignedToCaller + ")";

    /// <summary>
    /// User row <c>u</c> is assigned somewhere inside the scope of <see cref="RegionScope.SqlArgs"/>: the assignments
    /// carry their region's ancestry, so only the assignments in scope are read, not the tree. For lists.
    /// </summary>
    public const string UserIn = """
        u.id IN (SELECT vis_ur.user_id FROM org_user_region vis_ur
                 WHERE {in:vis_ur.country_id,@CountryIds} OR {in:vis_ur.state_id,@StateIds} OR {in:vis_ur.district_id,@DistrictIds}
                    OR {in:vis_ur.block_id,@BlockIds} OR {in:vis_ur.region_id,@VillageIds})
        """;

    private const string RegionColumns = "r.id, r.parent_id, r.level, r.name, r.local_name, r.path, r.version, r.country_id, r.state_id, r.district_id, r.block_id";

    public const string FindRegionSql = "SELECT " + RegionColumns + " FROM org_region r WHERE r.id = @Id AND " + RegionAssignedToCaller;

    public const string RegionByIdSql = "SELECT " + RegionColumns + " FROM org_region r WHERE r.id = @Id";

    public const string RegionExistsSql = "SELECT COUNT(*) FROM org_region WHERE id = @Id";

    private const string CallerPathsSql = """
        SELECT r.path FROM org_user_region ur JOIN org_region r ON r.id = ur.region_id WHERE ur.user_id = @CallerId
        """;

    /// <summary>The caller's assigned regions, to pass to a list filtered by <see cref="RegionIn"/> or <see cref="UserIn"/>.</summary>
    public static async Task<RegionScope> OfCallerAsync(this DbSession db, ICurrentUser caller, CancellationToken cancellationToken) =>
        caller.IsAuthenticated ? await db.OfUserAsync(caller.UserId, cancellationToken) : RegionScope.Nothing;

    public static async Task<RegionScope> OfUserAsync(this DbSession db, Guid userId, CancellationToken cancellationToken) =>
        new(await db.QueryAsync<string>(CallerPathsSql, new { CallerId = userId }, cancellationToken));
}

internal sealed record RegionRow
{
    public required Guid Id { get; init; }
    public Guid? ParentId { get; init; }
    public required int Level { get; init; }
    public required string Name { get; init; }
    public string? LocalName { get; init; }
    public required string Path { get; init; }
    public required int Version { get; init; }
    public Guid? CountryId { get; init; }
    public Guid? StateId { get; init; }
    public Guid? DistrictId { get; init; }
    public Guid? BlockId { get; init; }

    /// <summary>The scope made of this region alone: it and everything below it.</summary>
    public RegionScope Subtree => new([Path]);
}
