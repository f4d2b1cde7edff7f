using Mediator;
using Outreach.Organization.Contracts;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Organization.Users;

internal sealed class FindUserInScopeHandler(DbSession db, ICurrentUser caller) : IQueryHandler<FindUserInScope, UserSummary?>
{
    private const string Sql = """
        SELECT u.id, u.username, u.display_name, u.role, u.is_active
        FROM org_user u
        WHERE u.id = @UserId AND u.is_active = {true} AND (u.id = @CallerId OR
        """ + " " + Scope.UserAssignedToCaller + ")";

    public async ValueTask<UserSummary?> Handle(FindUserInScope query, CancellationToken cancellationToken) =>
        caller.IsAuthenticated
            ? await db.QuerySingleOrDefaultAsync<UserSummary>(Sql, new { query.UserId, CallerId = caller.UserId }, cancellationToken)
            : null;
}
