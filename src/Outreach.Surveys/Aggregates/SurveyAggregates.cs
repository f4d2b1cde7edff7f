using Mediator;
using Outreach.Organization.Contracts;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;
using Outreach.Surveys.Contracts;
using Outreach.Surveys.Gaps;

namespace Outreach.Surveys.Aggregates;

/// <summary>The contract queries Reporting and the dashboards use: counted in SQL over indexed ancestry columns, in the caller's scope.</summary>
internal sealed class CountGapsHandler(DbSession db, ICurrentUser caller, ISender sender) : IQueryHandler<CountGaps, IReadOnlyList<GapCount>>
{
    internal const string Sql = """
        SELECT s.region_id, s.category, s.state, COUNT(*) AS count FROM (
            SELECT CASE @Level WHEN 1 THEN g.country_id WHEN 2 THEN g.state_id WHEN 3 THEN g.district_id WHEN 4 THEN g.block_id
                   ELSE g.village_id END AS region_id, g.category, g.state
            FROM surveys_gap g
            WHERE (@Under IS NULL OR g.region_path LIKE @Under) AND
        """ + " " + SurveysScope.Gap + """

        ) s GROUP BY s.region_id, s.category, s.state ORDER BY s.region_id, s.category, s.state
        """;

    public async ValueTask<IReadOnlyList<GapCount>> Handle(CountGaps query, CancellationToken cancellationToken)
    {
        caller.Require(SurveysScope.Readers);
        var scope = await sender.Send(new GetCallerScope(), cancellationToken);
        string? under = null;
        if (query.RegionId is { } regionId) under = (await sender.Send(new RequireRegionInScope(regionId), cancellationToken)).Path + "%";
        return await db.QueryAsync<GapCount>(Sql, scope.SqlArgs(db, new { Level = (int)query.Level, Under = under }), cancellationToken);
    }
}

internal sealed class CountResponsesByCampaignHandler(DbSession db, ICurrentUser caller, ISender sender) : IQueryHandler<CountResponsesByCampaign, IReadOnlyList<ResponseCount>>
{
    internal const string Sql = """
        SELECT c.id AS campaign_id, c.name AS campaign_name, s.responses, s.villages
        FROM (SELECT t.campaign_id, SUM(t.responses) AS responses, COUNT(DISTINCT t.village_id) AS villages
              FROM surveys_campaign_tally t WHERE
        """ + " " + SurveysScope.Tally + """

              GROUP BY t.campaign_id) s
        JOIN surveys_campaign c ON c.id = s.campaign_id
        ORDER BY c.name
        """;

    public async ValueTask<IReadOnlyList<ResponseCount>> Handle(CountResponsesByCampaign query, CancellationToken cancellationToken)
    {
        caller.Require(SurveysScope.Readers);
        var scope = await sender.Send(new GetCallerScope(), cancellationToken);
        return await db.QueryAsync<ResponseCount>(Sql, scope.SqlArgs(db, new { }), cancellationToken);
    }
}

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

internal sealed class CountGapsByMonthHandler(DbSession db, ICurrentUser caller, ISender sender) : IQueryHandler<CountGapsByMonth, GapTrend>
{
    internal const string Sql = """
        SELECT m.month, COUNT(*) AS count FROM (
            SELECT {month:h.changed_at} AS month FROM surveys_gap_history h JOIN surveys_gap g ON g.id = h.gap_id
            WHERE h.to_state = @State AND
        """ + " " + SurveysScope.Gap + """

        ) m GROUP BY m.month ORDER BY m.month
        """;

    public async ValueTask<GapTrend> Handle(CountGapsByMonth query, CancellationToken cancellationToken)
    {
        caller.Require(SurveysScope.Readers);
        var scope = await sender.Send(new GetCallerScope(), cancellationToken);
        var reported = await db.QueryAsync<MonthlyCount>(Sql, scope.SqlArgs(db, new { State = GapStates.Reported }), cancellationToken);
        var resolved = await db.QueryAsync<MonthlyCount>(Sql, scope.SqlArgs(db, new { State = GapStates.Resolved }), cancellationToken);
        return new GapTrend { Reported = reported, Resolved = resolved };
    }
}
