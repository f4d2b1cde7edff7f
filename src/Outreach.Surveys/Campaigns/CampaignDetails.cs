using Outreach.Shared;

namespace Outreach.Surveys.Campaigns;

public sealed record CampaignDetails(
    Guid Id, Guid TemplateId, string Name, DateOnly StartsOn, DateOnly EndsOn, int TargetPerVillage, IReadOnlyList<Guid> RegionIds);
