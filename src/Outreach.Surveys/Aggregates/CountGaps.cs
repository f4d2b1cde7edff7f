using Mediator;
using Outreach.Organization.Contracts;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;
using Outreach.Surveys.Contracts;
using Outreach.Surveys.Gaps;

namespace Outreach.Surveys.Aggregates;

/// <summary>Gaps counted by region level, category and state in the caller's scope, in SQL over the ancestry columns (a contract query for Reporting and dashboards).</summary>
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
