using Dapper;
using Outreach.Shared.Data;

namespace Outreach.Surveys.Responses;

/// <summary>
/// Responses counted per village, campaign and month, and per village and campaign, so dashboards read these rows instead of every response.
/// Whoever stores, replaces or removes responses adds them (+1) or takes them away (−1) here, in the same transaction.
/// </summary>
internal static class ResponseTally
{
    private const string Key = """
        t.village_id = r.village_id AND t.campaign_id = COALESCE(r.campaign_id, @NoCampaign) AND t.month = {month:r.collected_on}
        """;

    private const string UpdateSql = """
        UPDATE surveys_response_tally
        SET responses = responses + @Sign * (SELECT COUNT(*) FROM surveys_response r
                                             WHERE {in:r.id,@Ids} AND r.village_id = surveys_response_tally.village_id
                                               AND COALESCE(r.campaign_id, @NoCampaign) = surveys_response_tally.campaign_id
                                               AND {month:r.collected_on} = surveys_response_tally.month)
        WHERE surveys_response_tally.village_id IN (SELECT r.village_id FROM surveys_response r WHERE {in:r.id,@Ids})
        """;

    private const string InsertSql = """
        INSERT INTO surveys_response_tally (village_id, campaign_id, month, block_id, district_id, state_id, country_id, responses)
        SELECT r.village_id, COALESCE(r.campaign_id, @NoCampaign), {month:r.collected_on}, r.block_id, r.district_id, r.state_id, r.country_id, COUNT(*)
        FROM surveys_response r
        WHERE {in:r.id,@Ids} AND NOT EXISTS (SELECT 1 FROM surveys_response_tally t WHERE
        """ + " " + Key + """
        )
        GROUP BY r.village_id, COALESCE(r.campaign_id, @NoCampaign), {month:r.collected_on}, r.block_id, r.district_id, r.state_id, r.country_id
        """;

    private const string UpdateCampaignSql = """
        UPDATE surveys_campaign_tally
        SET responses = responses + @Sign * (SELECT COUNT(*) FROM surveys_response r
                                             WHERE {in:r.id,@Ids} AND r.village_id = surveys_campaign_tally.village_id
                                               AND COALESCE(r.campaign_id, @NoCampaign) = surveys_campaign_tally.campaign_id)
        WHERE surveys_campaign_tally.village_id IN (SELECT r.village_id FROM surveys_response r WHERE {in:r.id,@Ids})
        """;

    private const string InsertCampaignSql = """
        INSERT INTO surveys_campaign_tally (village_id, campaign_id, block_id, district_id, state_id, country_id, responses)
        SELECT r.village_id, COALESCE(r.campaign_id, @NoCampaign), r.block_id, r.district_id, r.state_id, r.country_id, COUNT(*)
        FROM surveys_response r
        WHERE {in:r.id,@Ids} AND NOT EXISTS (SELECT 1 FROM surveys_campaign_tally t
                                             WHERE t.village_id = r.village_id AND t.campaign_id = COALESCE(r.campaign_id, @NoCampaign))
        GROUP BY r.village_id, COALESCE(r.campaign_id, @NoCampaign), r.block_id, r.district_id, r.state_id, r.country_id
        """;

    /// <summary>Count stored responses in (after inserting them) or, with <paramref name="sign"/> −1, out (before changing or deleting them).</summary>
    public static async Task CountAsync(DbSession db, IReadOnlyCollection<Guid> responseIds, int sign, CancellationToken cancellationToken)
    {
        if (responseIds.Count == 0) return;
        foreach (var chunk in responseIds.Chunk(1000))
        {
            var args = new DynamicParameters(new { Sign = sign, NoCampaign = Guid.Empty });
            args.Add("Ids", db.IdList(chunk));
            await db.ExecuteAsync(UpdateSql, args, cancellationToken);
            await db.ExecuteAsync(UpdateCampaignSql, args, cancellationToken);
            if (sign < 0) continue;
            await db.ExecuteAsync(InsertSql, args, cancellationToken);
            await db.ExecuteAsync(InsertCampaignSql, args, cancellationToken);
        }
    }
}
