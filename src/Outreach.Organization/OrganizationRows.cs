using Outreach.Organization.Access;
using Outreach.Organization.Contracts;
using Outreach.Organization.Regions;
using Outreach.Shared.Data;

namespace Outreach.Organization;

/// <summary>The inserts that creating, seeding and bootstrapping share: one statement per table, written once.</summary>
internal static class OrganizationRows
{
    private const string InsertRegionSql = """
        INSERT INTO org_region (id, parent_id, level, name, local_name, path, country_id, state_id, district_id, block_id, version, created_at, updated_at)
        VALUES (@Id, @ParentId, @Level, @Name, @LocalName, @Path, @CountryId, @StateId, @DistrictId, @BlockId, 1, @Now, @Now)
        """;

    private const string InsertUserSql = """
        INSERT INTO org_user (id, username, normalized_username, display_name, role, password_hash, is_active,
                              failed_sign_ins, locked_until, version, created_at, updated_at)
        VALUES (@Id, @Username, @Normalized, @DisplayName, @Role, @PasswordHash, {true}, 0, NULL, 1, @Now, @Now)
        """;

    private const string AssignSql = """
        INSERT INTO org_user_region (user_id, region_id, assigned_at, country_id, state_id, district_id, block_id)
        SELECT @UserId, r.id, @Now, r.country_id, r.state_id, r.district_id, r.block_id FROM org_region r WHERE r.id = @RegionId
        """;

    /// <summary>Inserts a region below its parent (or as a country) with its ancestry ids, and returns its materialized path.</summary>
    public static async Task<string> InsertRegionAsync(this DbSession db, Guid id, Guid? parentId, string? parentPath, RegionLevel level,
        string name, string? localName, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var path = RegionLookup.ChildPath(parentPath, id);
        var ancestry = RegionAncestry.FromPath(path);
        await db.ExecuteAsync(InsertRegionSql, new
        {
            Id = id, ParentId = parentId, Level = (short)level, Name = name, LocalName = localName, Path = path,
            ancestry.CountryId, ancestry.StateId, ancestry.DistrictId, ancestry.BlockId, Now = now,
        }, cancellationToken);
        return path;
    }

    public static Task InsertUserAsync(this DbSession db, Guid id, string username, string displayName, string role, string passwordHash,
        DateTimeOffset now, CancellationToken cancellationToken) =>
        db.ExecuteAsync(InsertUserSql, new
        {
            Id = id,
            Username = username,
            Normalized = UserAccount.Normalize(username),
            DisplayName = displayName,
            Role = role,
            PasswordHash = passwordHash,
            Now = now,
        }, cancellationToken);

    public static Task AssignAsync(this DbSession db, Guid userId, Guid regionId, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.ExecuteAsync(AssignSql, new { UserId = userId, RegionId = regionId, Now = now }, cancellationToken);
}
