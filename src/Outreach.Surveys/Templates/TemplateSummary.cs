using Outreach.Surveys.Contracts;

namespace Outreach.Surveys.Templates;

public sealed record TemplateSummary
{
    public required Guid Id { get; init; }
    public required string Name { get; init; }
    public required int LatestVersion { get; init; }
}
