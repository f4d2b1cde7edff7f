using Mediator;
using Outreach.Organization.Access;
using Outreach.Organization.Contracts;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Organization.Users;

public sealed record UserDetails(
    Guid Id, string Username, string DisplayName, string Role, bool IsActive, bool IsLockedOut, int Version,
    IReadOnlyList<AssignedRegion> Regions);

public sealed record AssignedRegion
{
    public required Guid Id { get; init; }
    public required RegionLevel Level { get; init; }
    public required string Name { get; init; }
    public string? LocalName { get; init; }
}

/// <summary>A user the caller may see: one assigned somewhere inside the caller's regions (or the caller).</summary>
public sealed record GetUser(Guid Id) : IQuery<UserDetails>, IAuditedRequest
{
    string IAuditedRequest.AuditEntity => "user";
    Guid? IAuditedRequest.AuditEntityId => Id;
}

internal sealed class GetUserHandler(DbSession db, ICurrentUser caller, TimeProvider time) : IQueryHandler<GetUser, UserDetails>
{
    private const string VisibleUserSql = """
        SELECT u.id, u.username, u.normalized_username, u.display_name, u.role, u.password_hash, u.is_active,
               u.failed_sign_ins, u.locked_until, u.version
        FROM org_user u
        WHERE u.id = @Id AND (u.id = @CallerId OR
        """ + " " + Scope.UserAssignedToCaller + ")";

    private const string UserExistsSql = "SELECT COUNT(*) FROM org_user WHERE id = @Id";

    private const string RegionsSql = """
        SELECT r.id, r.level, r.name, r.local_name
        FROM org_user_region ur JOIN org_region r ON r.id = ur.region_id
        WHERE ur.user_id = @Id AND (ur.user_id = @CallerId OR
        """ + " " + Scope.RegionAssignedToCaller + ") ORDER BY r.level, r.name";

    public async ValueTask<UserDetails> Handle(GetUser query, CancellationToken cancellationToken)
    {
        caller.Require(Roles.Admin, Roles.Coordinator, Roles.Manager, Roles.OutreachWorker);
        if (query.Id != caller.UserId) caller.Require(Roles.Admin, Roles.Coordinator, Roles.Manager);

        var user = await db.RequireInScopeAsync<UserAccount>(
            VisibleUserSql, new { query.Id, CallerId = caller.UserId }, UserExistsSql, "user", query.Id, cancellationToken);
        var regions = await db.QueryAsync<AssignedRegion>(RegionsSql, new { query.Id, CallerId = caller.UserId }, cancellationToken);
        return new UserDetails(user.Id, user.Username, user.DisplayName, user.Role, user.IsActive,
            user.IsLockedOut(time.GetUtcNow()), user.Version, regions);
    }
}
