using Outreach.Organization.Contracts;
using Outreach.Shared;
using Outreach.Shared.Data;

namespace Outreach.Surveys.Campaigns;

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
