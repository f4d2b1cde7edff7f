using Mediator;
using Outreach.Organization.Contracts;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;
using Outreach.Surveys.Contracts;
using Outreach.Surveys.Gaps;

namespace Outreach.Surveys.Aggregates;

internal sealed class CountResponsesByMonthHandler(DbSession db, ICurrentUser caller, ISender sender) : IQueryHandler<CountResponsesByMonth, IReadOnlyList<MonthlyCount>>
{
    private const string ByVillageSql = """
        SELECT t.month, SUM(t.responses) AS count FROM surveys_response_tally t
        WHERE (@CampaignId IS NULL OR t.campaign_id = @CampaignId) AND
        """ + " " + SurveysScope.Tally + " GROUP BY t.month ORDER BY t.month";

    private const string ByDistrictSql = """
        SELECT t.month, SUM(t.responses) AS count FROM surveys_district_tally t
        WHERE (@CampaignId IS NULL OR t.campaign_id = @CampaignId) AND
        """ + " " + SurveysScope.DistrictTally + " GROUP BY t.month ORDER BY t.month";

    public async ValueTask<IReadOnlyList<MonthlyCount>> Handle(CountResponsesByMonth query, CancellationToken cancellationToken)
    {
        caller.Require(SurveysScope.Readers);
        var scope = await sender.Send(new GetCallerScope(), cancellationToken);
        // Whole districts and larger are summed from the district tally; a block or village assignment needs the village one.
        var ids = scope.Ids();
        var wholeDistricts = ids.BlockIds.All(id => id == Guid.Empty) && ids.VillageIds.All(id => id == Guid.Empty);
        return await db.QueryAsync<MonthlyCount>(wholeDistricts ? ByDistrictSql : ByVillageSql, scope.SqlArgs(db, new { query.CampaignId }), cancellationToken);
    }
}
