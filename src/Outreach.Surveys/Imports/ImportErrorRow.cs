namespace Outreach.Surveys.Imports;

public sealed record ImportErrorRow
{
    public required long Line { get; init; }
    public required int Seq { get; init; }
    public string? Submission { get; init; }
    public string? ColumnName { get; init; }
    public required string Message { get; init; }
}
