namespace Outreach.Surveys.Imports;

public sealed record ImportSummary
{
    public required Guid Id { get; init; }
    public required string FileName { get; init; }
    public required string SurveyName { get; init; }
    public required string Status { get; init; }
    public required long RowsRead { get; init; }
    public required long Failed { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}
