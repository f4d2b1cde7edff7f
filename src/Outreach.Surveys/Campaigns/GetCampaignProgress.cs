using Mediator;
using Outreach.Organization.Contracts;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Surveys.Campaigns;

/// <summary>Responses against target for each village of the campaign within the caller's regions, least covered first.</summary>
public sealed record GetCampaignProgress(Guid CampaignId) : IQuery<CampaignProgress>;

internal sealed class GetCampaignProgressHandler(DbSession db, ICurrentUser caller, ISender sender) : IQueryHandler<GetCampaignProgress, CampaignProgress>
{
    private const string CountsSql = """
        SELECT t.village_id, t.responses FROM surveys_campaign_tally t WHERE t.campaign_id = @CampaignId
        """;

    private const string PathsSql = "SELECT region_id, region_path FROM surveys_campaign_region WHERE campaign_id = @CampaignId";

    private sealed record VillageCount
    {
        public required Guid VillageId { get; init; }
        public required int Responses { get; init; }
    }

    private sealed record CampaignRegion
    {
        public required Guid RegionId { get; init; }
        public required string RegionPath { get; init; }
    }

    public async ValueTask<CampaignProgress> Handle(GetCampaignProgress query, CancellationToken cancellationToken)
    {
        caller.Require(SurveysScope.Readers);
        var scope = await sender.Send(new GetCallerScope(), cancellationToken);
        var campaign = await Campaigns.RequireVisibleAsync(db, scope, query.CampaignId, cancellationToken);
        var regions = await db.QueryAsync<CampaignRegion>(PathsSql, query, cancellationToken);

        // The villages both in the campaign and in the caller's regions: the smaller of each overlapping pair's subtrees.
        var roots = regions.Where(r => scope.Contains(r.RegionPath)).Select(r => r.RegionId)
            .Concat(scope.Paths.Where(p => regions.Any(r => p.StartsWith(r.RegionPath, StringComparison.Ordinal))).Select(p => RegionAncestry.FromPath(p).RegionId))
            .Distinct();
        var villages = new Dictionary<Guid, RegionSummary>();
        foreach (var root in roots)
        {
            foreach (var region in (await sender.Send(new GetRegionSubtree(root), cancellationToken)).Where(r => r.Level == RegionLevel.Village))
            {
                villages[region.Id] = region;
            }
        }
        var counts = (await db.QueryAsync<VillageCount>(CountsSql, query, cancellationToken)).ToDictionary(c => c.VillageId, c => c.Responses);
        var progress = villages.Values
            .Select(v => new VillageProgress { VillageId = v.Id, Name = v.Name, LocalName = v.LocalName, Responses = counts.GetValueOrDefault(v.Id), Target = campaign.TargetPerVillage })
            .OrderBy(v => (double)v.Responses / v.Target).ThenBy(v => v.Name, StringComparer.Ordinal)
            .ToList();
        return new CampaignProgress(campaign, progress);
    }
}
