using Mediator;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Organization.Access;

public sealed record ApiTokenListItem
{
    public required Guid Id { get; init; }
    public required string Name { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
}

/// <summary>The caller's own tokens, newest first.</summary>
public sealed record ListApiTokens : IQuery<IReadOnlyList<ApiTokenListItem>>;

internal sealed class ListApiTokensHandler(DbSession db, ICurrentUser caller) : IQueryHandler<ListApiTokens, IReadOnlyList<ApiTokenListItem>>
{
    private const string Sql = """
        SELECT id, name, created_at, expires_at, revoked_at FROM org_api_token WHERE user_id = @CallerId ORDER BY created_at DESC
        """;

    public async ValueTask<IReadOnlyList<ApiTokenListItem>> Handle(ListApiTokens query, CancellationToken cancellationToken)
    {
        caller.Require(Roles.All.ToArray());
        return await db.QueryAsync<ApiTokenListItem>(Sql, new { CallerId = caller.UserId }, cancellationToken);
    }
}

/// <summary>Revoke one of the caller's tokens; it stops working on the next request.</summary>
public sealed record RevokeApiToken(Guid TokenId) : ICommand;

internal sealed class RevokeApiTokenHandler(DbSession db, ICurrentUser caller, TimeProvider time) : ICommandHandler<RevokeApiToken>
{
    private const string Sql = """
        UPDATE org_api_token SET revoked_at = @Now WHERE id = @TokenId AND user_id = @CallerId AND revoked_at IS NULL
        """;

    private const string OwnTokenSql = "SELECT COUNT(*) FROM org_api_token WHERE id = @TokenId AND user_id = @CallerId";

    public async ValueTask<Unit> Handle(RevokeApiToken command, CancellationToken cancellationToken)
    {
        caller.Require(Roles.All.ToArray());
        var args = new { command.TokenId, CallerId = caller.UserId, Now = time.GetUtcNow() };
        if (await db.ExecuteAsync(Sql, args, cancellationToken) == 0
            && await db.ExecuteScalarAsync<long>(OwnTokenSql, args, cancellationToken) == 0)
        {
            throw new NotFoundProblem("token", command.TokenId);
        }
        return Unit.Value;
    }
}

public sealed record TokenIdentity
{
    public required Guid UserId { get; init; }
    public required string Username { get; init; }
    public required string DisplayName { get; init; }
    public required string Role { get; init; }
}

/// <summary>Who a bearer token belongs to, if it is live and its user is active.</summary>
public sealed record AuthenticateApiToken(string Token) : IQuery<TokenIdentity?>;

internal sealed class AuthenticateApiTokenHandler(DbSession db, TimeProvider time) : IQueryHandler<AuthenticateApiToken, TokenIdentity?>
{
    private const string Sql = """
        SELECT u.id AS user_id, u.username, u.display_name, u.role
        FROM org_api_token t JOIN org_user u ON u.id = t.user_id
        WHERE t.token_hash = @TokenHash AND t.revoked_at IS NULL AND t.expires_at > @Now AND u.is_active = {true}
        """;

    public async ValueTask<TokenIdentity?> Handle(AuthenticateApiToken query, CancellationToken cancellationToken)
    {
        if (!query.Token.StartsWith(ApiTokens.Prefix, StringComparison.Ordinal) || query.Token.Length > 100) return null;
        return await db.QuerySingleOrDefaultAsync<TokenIdentity>(Sql, new { TokenHash = ApiTokens.Hash(query.Token), Now = time.GetUtcNow() }, cancellationToken);
    }
}

/// <summary>Housekeeping job: tokens that expired or were revoked more than 30 days ago are deleted.</summary>
public sealed record PurgeStaleApiTokens : ICommand<int>;

internal sealed class PurgeStaleApiTokensHandler(DbSession db, TimeProvider time) : ICommandHandler<PurgeStaleApiTokens, int>
{
    private const string Sql = "DELETE FROM org_api_token WHERE expires_at < @Cutoff OR revoked_at < @Cutoff";

    public async ValueTask<int> Handle(PurgeStaleApiTokens command, CancellationToken cancellationToken) =>
        await db.ExecuteAsync(Sql, new { Cutoff = time.GetUtcNow().AddDays(-30) }, cancellationToken);
}

/// <summary>
/// The account behind a sign-in cookie as it is now: null when deactivated or gone. The cookie is re-checked on every
/// request, so deactivating someone or changing their role takes effect at once, not when the cookie expires.
/// </summary>
public sealed record GetSessionAccount(Guid UserId) : IQuery<TokenIdentity?>;

internal sealed class GetSessionAccountHandler(DbSession db) : IQueryHandler<GetSessionAccount, TokenIdentity?>
{
    private const string Sql = """
        SELECT u.id AS user_id, u.username, u.display_name, u.role FROM org_user u WHERE u.id = @UserId AND u.is_active = {true}
        """;

    public async ValueTask<TokenIdentity?> Handle(GetSessionAccount query, CancellationToken cancellationToken) =>
        await db.QuerySingleOrDefaultAsync<TokenIdentity>(Sql, query, cancellationToken);
}
