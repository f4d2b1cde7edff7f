using Outreach.Shared.Data;

namespace Outreach.Surveys.Responses;

/// <summary>
/// Responses counted per village, campaign and month. Dashboards read these few rows instead of every response. A
/// village's rows are recomputed from its responses whenever they change, so the tally cannot drift.
/// </summary>
internal static class ResponseTally
{
    private const string RefreshSql = """
        DELETE FROM surveys_response_tally WHERE village_id = @VillageId;
        INSERT INTO surveys_response_tally (village_id, campaign_id, month, block_id, district_id, state_id, country_id, responses)
        SELECT r.village_id, COALESCE(r.campaign_id, @NoCampaign), {month:r.collected_on}, r.block_id, r.district_id, r.state_id, r.country_id, COUNT(*)
        FROM surveys_response r WHERE r.village_id = @VillageId
        GROUP BY r.village_id, COALESCE(r.campaign_id, @NoCampaign), {month:r.collected_on}, r.block_id, r.district_id, r.state_id, r.country_id;
        """;

    public static async Task RefreshAsync(DbSession db, IEnumerable<Guid> villageIds, CancellationToken cancellationToken)
    {
        foreach (var villageId in villageIds.Distinct())
        {
            await db.ExecuteAsync(RefreshSql, new { VillageId = villageId, NoCampaign = Guid.Empty }, cancellationToken);
        }
    }
}
