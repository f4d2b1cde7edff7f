using Mediator;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Cases.People;

/// <summary>
/// Fill the name search key of people recorded before it existed. Run at start-up as the system user; only rows without
/// a key are read, so it is cheap once done and safe to run any number of times.
/// </summary>
public sealed record RefreshPersonSearchKeys : ICommand<int>;

internal sealed class RefreshPersonSearchKeysHandler(DbSession db, ICurrentUser caller) : ICommandHandler<RefreshPersonSearchKeys, int>
{
    private sealed record Unkeyed
    {
        public required Guid Id { get; init; }
        public string? GivenName { get; init; }
        public string? FamilyName { get; init; }
    }

    private const string UnkeyedSql = "SELECT p.id, p.given_name, p.family_name FROM cases_person p WHERE p.search_key IS NULL";

    private const string SetSql = "UPDATE cases_person SET search_key = @SearchKey WHERE id = @Id AND search_key IS NULL";

    public async ValueTask<int> Handle(RefreshPersonSearchKeys command, CancellationToken cancellationToken)
    {
        if (caller.UserId != SystemUser.Id) throw new ForbiddenProblem("Search keys are refreshed by the system at start-up.");
        var refreshed = 0;
        foreach (var person in await db.QueryAsync<Unkeyed>(UnkeyedSql, cancellationToken: cancellationToken))
        {
            refreshed += await db.ExecuteAsync(SetSql, new { person.Id, SearchKey = NameKey.For(person.GivenName, person.FamilyName) }, cancellationToken);
        }
        return refreshed;
    }
}
