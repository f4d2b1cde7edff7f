using Outreach.Surveys.Contracts;

namespace Outreach.Surveys.Templates;

public sealed record TemplateDetails(Guid Id, string Name, string? Description, int VersionNumber, int LatestVersion, int Version, IReadOnlyList<Question> Questions);
