using Mediator;
using Outreach.Shared.Data;
using Outreach.Shared.Security;
using Outreach.Surveys.Contracts;

namespace Outreach.Surveys.Templates;

public sealed record TemplateDetails(Guid Id, string Name, string? Description, int VersionNumber, int LatestVersion, int Version, IReadOnlyList<Question> Questions);

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

public sealed record TemplateSummary
{
    public required Guid Id { get; init; }
    public required string Name { get; init; }
    public required int LatestVersion { get; init; }
}

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
