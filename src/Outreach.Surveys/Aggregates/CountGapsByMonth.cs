using Mediator;
using Outreach.Organization.Contracts;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;
using Outreach.Surveys.Contracts;
using Outreach.Surveys.Gaps;

namespace Outreach.Surveys.Aggregates;

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
