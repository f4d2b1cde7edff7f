using Mediator;
using Outreach.Organization.Contracts;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Surveys.Campaigns;

public sealed record CampaignDetails(
    Guid Id, Guid TemplateId, string Name, DateOnly StartsOn, DateOnly EndsOn, int TargetPerVillage, IReadOnlyList<Guid> RegionIds);

/// <summary>
/// A campaign concerns a caller when one of its regions overlaps theirs: it lies inside the caller's regions (a coordinator
/// running it) or contains one of them (a worker in one of its villages). Campaigns are few, so overlap is decided here.
/// </summary>
internal static class Campaigns
{
    private const string Sql = """
        SELECT c.id, c.template_id, c.name, c.starts_on, c.ends_on, c.target_per_village, cr.region_id, cr.region_path
        FROM surveys_campaign c JOIN surveys_campaign_region cr ON cr.campaign_id = c.id
        WHERE (@Id IS NULL OR c.id = @Id)
        ORDER BY c.starts_on DESC, c.name, c.id
        """;

    private sealed record Row
    {
        public required Guid Id { get; init; }
        public required Guid TemplateId { get; init; }
        public required string Name { get; init; }
        public required DateOnly StartsOn { get; init; }
        public required DateOnly EndsOn { get; init; }
        public required int TargetPerVillage { get; init; }
        public required Guid RegionId { get; init; }
        public required string RegionPath { get; init; }
    }

    public static bool Overlaps(RegionScope scope, string regionPath) =>
        scope.Contains(regionPath) || scope.Paths.Any(p => p.StartsWith(regionPath, StringComparison.Ordinal));

    public static async Task<IReadOnlyList<CampaignDetails>> VisibleAsync(DbSession db, RegionScope scope, Guid? id, CancellationToken cancellationToken)
    {
        var rows = await db.QueryAsync<Row>(Sql, new { Id = id }, cancellationToken);
        return rows.GroupBy(r => r.Id)
            .Where(c => c.Any(r => Overlaps(scope, r.RegionPath)))
            .Select(c => ToDetails(c.First(), [.. c.Select(r => r.RegionId)]))
            .ToList();
    }

    private static CampaignDetails ToDetails(Row r, IReadOnlyList<Guid> regionIds) =>
        new(r.Id, r.TemplateId, r.Name, r.StartsOn, r.EndsOn, r.TargetPerVillage, regionIds);

    public static async Task<CampaignDetails> RequireVisibleAsync(DbSession db, RegionScope scope, Guid id, CancellationToken cancellationToken) =>
        (await VisibleAsync(db, scope, id, cancellationToken)).SingleOrDefault() ?? throw new NotFoundProblem("campaign", id);
}

/// <summary>Campaigns that concern the caller's regions, newest first.</summary>
public sealed record ListCampaigns : IQuery<IReadOnlyList<CampaignDetails>>;

internal sealed class ListCampaignsHandler(DbSession db, ICurrentUser caller, ISender sender) : IQueryHandler<ListCampaigns, IReadOnlyList<CampaignDetails>>
{
    public async ValueTask<IReadOnlyList<CampaignDetails>> Handle(ListCampaigns query, CancellationToken cancellationToken)
    {
        caller.Require(SurveysScope.Readers);
        return await Campaigns.VisibleAsync(db, await sender.Send(new GetCallerScope(), cancellationToken), null, cancellationToken);
    }
}

public sealed record VillageProgress
{
    public required Guid VillageId { get; init; }
    public required string Name { get; init; }
    public string? LocalName { get; init; }
    public required int Responses { get; init; }
    public required int Target { get; init; }
}

public sealed record CampaignProgress(CampaignDetails Campaign, IReadOnlyList<VillageProgress> Villages);

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
