using Mediator;
using Outreach.Shared.Data;
using Outreach.Shared.Security;
using Outreach.Surveys.Contracts;

namespace Outreach.Surveys.Templates;

public sealed record ListTemplates : IQuery<IReadOnlyList<TemplateSummary>>;

internal sealed class ListTemplatesHandler(DbSession db, ICurrentUser caller) : IQueryHandler<ListTemplates, IReadOnlyList<TemplateSummary>>
{
    private const string Sql = "SELECT id AS Id, name AS Name, latest_version AS LatestVersion FROM surveys_template ORDER BY name";

    public async ValueTask<IReadOnlyList<TemplateSummary>> Handle(ListTemplates query, CancellationToken cancellationToken)
    {
        if (!caller.IsAuthenticated) throw new Shared.ForbiddenProblem("Sign in first.");
        return await db.QueryAsync<TemplateSummary>(Sql, null, cancellationToken);
    }
}
