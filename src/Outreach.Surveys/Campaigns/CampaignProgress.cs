using Outreach.Shared;

namespace Outreach.Surveys.Campaigns;

public sealed record VillageProgress
{
    public required Guid VillageId { get; init; }
    public required string Name { get; init; }
    public string? LocalName { get; init; }
    public required int Responses { get; init; }
    public required int Target { get; init; }
}

public sealed record CampaignProgress(CampaignDetails Campaign, IReadOnlyList<VillageProgress> Villages);
