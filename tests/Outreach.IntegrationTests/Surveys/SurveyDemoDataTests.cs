using Outreach.IntegrationTests.Infrastructure;
using Outreach.Shared;
using Outreach.Surveys.Demo;

namespace Outreach.IntegrationTests.Surveys;

/// <summary>The demo survey, campaign and gaps come from Surveys' own seeding, which leaves what exists alone.</summary>
public abstract class SurveyDemoDataTests(IOutreachApp app)
{
    private Task<long> Count(string sql) => app.WithDb(db => db.ExecuteScalarAsync<long>(sql, new { Name = SeedSurveyDemoData.SurveyName }));

    [Fact]
    public async Task Seeding_again_as_the_demo_coordinator_adds_nothing_and_the_demo_has_its_survey_campaign_and_gaps()
    {
        var coordinator = new TestCaller(await app.UserId("coordinator"), Roles.Coordinator);
        const string Surveys = "SELECT COUNT(*) FROM surveys_template WHERE name = @Name";
        const string Campaigns = "SELECT COUNT(*) FROM surveys_campaign c JOIN surveys_template t ON t.id = c.template_id WHERE t.name = @Name";
        const string Gaps = "SELECT COUNT(*) FROM surveys_gap";
        var before = (await Count(Surveys), await Count(Campaigns), await Count(Gaps));

        Assert.True(await app.SendAs(coordinator, new SeedSurveyDemoData()));

        Assert.Equal(before, (await Count(Surveys), await Count(Campaigns), await Count(Gaps)));
        Assert.Equal(1, before.Item1);
        Assert.True(before.Item2 >= 1 && before.Item3 >= 5, $"{before}");
    }

    [Fact]
    public async Task Only_a_coordinator_seeds_the_demo_surveys()
    {
        var worker = new TestCaller(await app.UserId("worker"), Roles.OutreachWorker);

        await Assert.ThrowsAsync<ForbiddenProblem>(() => app.SendAs(worker, new SeedSurveyDemoData()));
    }
}

[Collection(HostTests.Name)]
public sealed class SqliteSurveyDemoDataTests(SqliteApp App) : SurveyDemoDataTests(App);

[Collection(HostTests.Name)]
public sealed class PostgresSurveyDemoDataTests(PostgresApp App) : SurveyDemoDataTests(App);
