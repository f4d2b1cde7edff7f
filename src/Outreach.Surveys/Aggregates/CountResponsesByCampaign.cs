using Mediator;
using Outreach.Organization.Contracts;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;
using Outreach.Surveys.Contracts;
using Outreach.Surveys.Gaps;

namespace Outreach.Surveys.Aggregates;

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
