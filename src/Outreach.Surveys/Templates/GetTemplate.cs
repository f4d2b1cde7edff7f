using Mediator;
using Outreach.Shared.Data;
using Outreach.Shared.Security;
using Outreach.Surveys.Contracts;

namespace Outreach.Surveys.Templates;

/// <summary>A survey's questions at a version (the latest when none is given). Surveys are organisation-wide, readable by every role.</summary>
public sealed record GetTemplate(Guid Id, int? VersionNumber = null) : IQuery<TemplateDetails>;

internal sealed class GetTemplateHandler(DbSession db, ICurrentUser caller) : IQueryHandler<GetTemplate, TemplateDetails>
{
    private const string Sql = "SELECT description AS Description, latest_version AS LatestVersion, version AS Version FROM surveys_template WHERE id = @Id";

    private sealed record Row
    {
        public string? Description { get; init; }
        public required int LatestVersion { get; init; }
        public required int Version { get; init; }
    }

    public async ValueTask<TemplateDetails> Handle(GetTemplate query, CancellationToken cancellationToken)
    {
        if (!caller.IsAuthenticated) throw new Shared.ForbiddenProblem("Sign in first.");
        var survey = await SurveyVersion.LoadAsync(db, query.Id, query.VersionNumber, cancellationToken);
        var row = (await db.QuerySingleOrDefaultAsync<Row>(Sql, new { query.Id }, cancellationToken))!;
        return new TemplateDetails(query.Id, survey.Name, row.Description, survey.Number, row.LatestVersion, row.Version, survey.Questions);
    }
}
