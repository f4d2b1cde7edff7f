using Outreach.Organization.Contracts;
using Outreach.Shared.Data;

namespace Outreach.Surveys.Responses;

/// <summary>Where and when one response counts: its village (with ancestry), campaign and collection month.</summary>
internal sealed record TallyEntry(string RegionPath, Guid? CampaignId, DateOnly CollectedOn);

/// <summary>
/// Responses counted per village, campaign and month, and per village and campaign, so dashboards read these rows
/// instead of every response. Whoever stores or changes responses counts them in (+1) or out (−1) here, in the same
/// transaction, grouped first so a batch touches each tally row once.
/// </summary>
internal static class ResponseTally
{
    private const string AddMonthSql = """
        UPDATE surveys_response_tally SET responses = responses + @Delta
        WHERE village_id = @VillageId AND campaign_id = @CampaignId AND month = @Month
        """;

    private const string InsertMonthSql = """
        INSERT INTO surveys_response_tally (village_id, campaign_id, month, block_id, district_id, state_id, country_id, responses)
        VALUES (@VillageId, @CampaignId, @Month, @BlockId, @DistrictId, @StateId, @CountryId, @Delta)
        """;

    private const string AddCampaignSql = """
        UPDATE surveys_campaign_tally SET responses = responses + @Delta WHERE village_id = @VillageId AND campaign_id = @CampaignId
        """;

    private const string InsertCampaignSql = """
        INSERT INTO surveys_campaign_tally (village_id, campaign_id, block_id, district_id, state_id, country_id, responses)
        VALUES (@VillageId, @CampaignId, @BlockId, @DistrictId, @StateId, @CountryId, @Delta)
        """;

    private const string AddDistrictSql = """
        UPDATE surveys_district_tally SET responses = responses + @Delta
        WHERE district_id = @DistrictId AND campaign_id = @CampaignId AND month = @Month
        """;

    private const string InsertDistrictSql = """
        INSERT INTO surveys_district_tally (district_id, campaign_id, month, state_id, country_id, responses)
        VALUES (@DistrictId, @CampaignId, @Month, @StateId, @CountryId, @Delta)
        """;

    public static async Task CountAsync(DbSession db, IEnumerable<TallyEntry> entries, int sign, CancellationToken cancellationToken)
    {
        var list = entries.ToList();
        foreach (var group in list.GroupBy(e => (e.RegionPath, CampaignId: e.CampaignId ?? Guid.Empty, Month: MonthOf(e.CollectedOn))))
        {
            await AddAsync(db, AddMonthSql, InsertMonthSql, Args(group.Key.RegionPath, group.Key.CampaignId, group.Key.Month, sign * group.Count()), cancellationToken);
        }
        foreach (var group in list.GroupBy(e => (DistrictPath: DistrictOf(e.RegionPath), CampaignId: e.CampaignId ?? Guid.Empty, Month: MonthOf(e.CollectedOn))))
        {
            await AddAsync(db, AddDistrictSql, InsertDistrictSql, Args(group.Key.DistrictPath, group.Key.CampaignId, group.Key.Month, sign * group.Count()), cancellationToken);
        }
        foreach (var group in list.GroupBy(e => (e.RegionPath, CampaignId: e.CampaignId ?? Guid.Empty)))
        {
            await AddAsync(db, AddCampaignSql, InsertCampaignSql, Args(group.Key.RegionPath, group.Key.CampaignId, null, sign * group.Count()), cancellationToken);
        }
    }

    private static string MonthOf(DateOnly date) => date.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The district's own path: the first three ids of a village's path.</summary>
    private static string DistrictOf(string villagePath) => "/" + string.Join('/', villagePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Take(3)) + "/";

    private static async Task AddAsync(DbSession db, string addSql, string insertSql, object args, CancellationToken cancellationToken)
    {
        if (await db.ExecuteAsync(addSql, args, cancellationToken) == 0) await db.ExecuteAsync(insertSql, args, cancellationToken);
    }

    private static object Args(string regionPath, Guid campaignId, string? month, int delta)
    {
        var a = RegionAncestry.FromPath(regionPath);
        return new { a.VillageId, a.BlockId, a.DistrictId, a.StateId, a.CountryId, CampaignId = campaignId, Month = month, Delta = delta };
    }
}
