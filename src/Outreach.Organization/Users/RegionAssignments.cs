using Outreach.Organization.Regions;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Organization.Users;

internal static class RegionAssignments
{
    /// <summary>Only the assignments inside the caller's own scope are replaced; those elsewhere belong to other admins.</summary>
    private const string ClearSql = """
        DELETE FROM org_user_region
        WHERE user_id = @UserId AND EXISTS (SELECT 1 FROM org_region r WHERE r.id = org_user_region.region_id AND
        """ + " " + Scope.RegionAssignedToCaller + ")";

    /// <summary>Every region must lie in the assigning caller's own scope: nobody can grant access they do not have.</summary>
    public static async Task ReplaceAsync(DbSession db, ICurrentUser caller, Guid userId, IReadOnlyList<Guid> regionIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var regionId in regionIds.Distinct())
        {
            await db.RequireInScopeAsync(regionId, caller, cancellationToken);
        }
        await db.ExecuteAsync(ClearSql, new { UserId = userId, CallerId = caller.UserId }, cancellationToken);
        foreach (var regionId in regionIds.Distinct())
        {
            await db.AssignAsync(userId, regionId, now, cancellationToken);
        }
    }
}
