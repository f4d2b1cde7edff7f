using Outreach.Organization.Contracts;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Organization.Regions;

internal static class RegionLookup
{
    /// <summary>The region if it is in the caller's scope; an out-of-scope or missing region is a 404 either way.</summary>
    public static async Task<RegionRow> RequireInScopeAsync(this DbSession db, Guid id, ICurrentUser caller, CancellationToken cancellationToken)
    {
        return await db.RequireInScopeAsync<RegionRow>(
            Scope.FindRegionSql, new { Id = id, CallerId = caller.UserId }, Scope.RegionExistsSql, "region", id, cancellationToken);
    }

    public static RegionSummary ToSummary(this RegionRow row) => new()
    {
        Id = row.Id,
        ParentId = row.ParentId,
        Level = (RegionLevel)row.Level,
        Name = row.Name,
        LocalName = row.LocalName,
        Path = row.Path,
    };

    public static string ChildPath(string? parentPath, Guid id) => (parentPath ?? "/") + id.ToString("N") + "/";
}
