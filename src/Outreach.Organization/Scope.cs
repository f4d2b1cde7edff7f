namespace Outreach.Organization;

/// <summary>SQL that limits rows to the caller's region subtree. Every query over regions or users includes one of these.</summary>
internal static class Scope
{
    /// <summary>Region row <c>r</c> lies at or under one of the regions assigned to @CallerId.</summary>
    public const string RegionVisible = """
        EXISTS (SELECT 1 FROM org_user_region scope_ur JOIN org_region scope_r ON scope_r.id = scope_ur.region_id
                WHERE scope_ur.user_id = @CallerId AND r.path LIKE scope_r.path {cat} '%')
        """;

    /// <summary>User row <c>u</c> is assigned somewhere inside the caller's scope.</summary>
    public const string UserVisible = """
        EXISTS (SELECT 1 FROM org_user_region vis_ur JOIN org_region r ON r.id = vis_ur.region_id
                WHERE vis_ur.user_id = u.id AND
        """ + " " + RegionVisible + ")";

    public const string FindRegionSql = """
        SELECT r.id, r.parent_id, r.level, r.name, r.local_name, r.path, r.version
        FROM org_region r
        WHERE r.id = @Id AND
        """ + " " + RegionVisible;

    public const string RegionExistsSql = "SELECT COUNT(*) FROM org_region WHERE id = @Id";
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
}
