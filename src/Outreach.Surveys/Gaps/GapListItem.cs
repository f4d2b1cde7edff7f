namespace Outreach.Surveys.Gaps;

public sealed record GapListItem
{
    public required Guid Id { get; init; }
    public required string Category { get; init; }
    public required Guid VillageId { get; init; }
    public required string State { get; init; }
    public Guid? OwnerId { get; init; }
    public DateOnly? DueOn { get; init; }
    public required int Evidence { get; init; }
    public required int Version { get; init; }
}
