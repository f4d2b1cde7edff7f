using System.Net;
using System.Text.Json;
using Outreach.IntegrationTests.Infrastructure;
using Outreach.Shared;
using Outreach.Shared.Security;
using ProposeGaps = Outreach.Surveys.Gaps.ProposeGaps;
using static Outreach.IntegrationTests.Surveys.SurveyFixtures;

namespace Outreach.IntegrationTests.Surveys;

/// <summary>Gaps as tracked objects: reporting, the lifecycle, evidence from responses and visits, the proposal rule, aggregates.</summary>
public abstract class GapTests(IOutreachApp app)
{
    private sealed record HistoryView(string? FromState, string ToState, string? Note);

    private sealed record GapDetailView(GapView Gap, List<HistoryView> History, int ResponseCount, int VisitCount);

    private static async Task<GapView> Report(HttpClient worker, Guid villageId, string category) =>
        await (await worker.PostJson("/api/v1/gaps", new { villageId, category, description = "Nearest one is 60 km away" }))
            .Read<GapView>(HttpStatusCode.Created);

    private static Task<HttpResponseMessage> Move(HttpClient client, GapView gap, string state, string? note = null) =>
        client.PostJson($"/api/v1/gaps/{gap.Id}/state", new { version = gap.Version, state, note });

    [Fact]
    public async Task A_coordinator_takes_a_reported_gap_through_its_lifecycle_and_every_step_is_kept()
    {
        using var worker = await app.ApiAs("worker");
        using var coordinator = await app.ApiAs("coordinator");
        var village = await app.FreeVillage("counselling");
        var gap = await Report(worker, village, "counselling");

        var again = await worker.PostJson("/api/v1/gaps", new { villageId = village, category = "counselling" });
        var byWorker = await Move(worker, gap, "verified");
        var skipping = await Move(coordinator, gap, "addressed");
        var verified = await (await Move(coordinator, gap, "verified", "Confirmed with the ASHA worker")).Read<GapView>();
        var stale = await Move(coordinator, gap, "action-planned");
        var planned = await (await Move(coordinator, verified, "action-planned", "Counsellor camp in January")).Read<GapView>();
        var addressed = await (await Move(coordinator, planned, "addressed")).Read<GapView>();
        var resolved = await (await Move(coordinator, addressed, "resolved")).Read<GapView>();
        var silentReopen = await Move(coordinator, resolved, "reported");
        var reopened = await (await Move(coordinator, resolved, "reported", "The counsellor stopped coming")).Read<GapView>();
        var detail = await (await coordinator.GetAsync($"/api/v1/gaps/{gap.Id}")).Read<GapDetailView>();

        Assert.Equal(gap.Id, (await again.Problem(HttpStatusCode.Conflict)).GetProperty("gapId").GetGuid());
        await byWorker.Problem(HttpStatusCode.Forbidden);
        await skipping.Problem(HttpStatusCode.UnprocessableEntity);
        await stale.Problem(HttpStatusCode.Conflict);
        await silentReopen.Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("worker", gap.Origin);
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(90), verified.DueOn);
        Assert.Equal("reported", reopened.State);
        Assert.Equal(
            [(null, "reported"), ("reported", "verified"), ("verified", "action-planned"), ("action-planned", "addressed"), ("addressed", "resolved"), ("resolved", "reported")],
            detail.History.Select(h => (h.FromState, h.ToState)));
        Assert.Equal("The counsellor stopped coming", detail.History[^1].Note);
    }

    [Fact]
    public async Task An_owner_must_work_in_the_gaps_regions()
    {
        using var worker = await app.ApiAs("worker");
        using var coordinator = await app.ApiAs("coordinator");
        var gap = await Report(worker, await app.FreeVillage("helpline"), "helpline");
        var due = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30);

        var assigned = await (await coordinator.PostJson($"/api/v1/gaps/{gap.Id}/assignment", new { version = gap.Version, ownerId = await app.UserId("worker"), dueOn = due }))
            .Read<GapView>();
        var stranger = await coordinator.PostJson($"/api/v1/gaps/{gap.Id}/assignment", new { version = assigned.Version, ownerId = Guid.NewGuid(), dueOn = due });
        var past = await coordinator.PostJson($"/api/v1/gaps/{gap.Id}/assignment", new { version = assigned.Version, ownerId = (Guid?)null, dueOn = due.AddDays(-60) });

        Assert.Equal(await app.UserId("worker"), assigned.OwnerId);
        Assert.Equal(due, assigned.DueOn);
        await stranger.Problem(HttpStatusCode.UnprocessableEntity);
        await past.Problem(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Responses_and_visits_are_evidence_and_enough_responses_propose_a_gap_once()
    {
        using var coordinator = await app.ApiAs("coordinator");
        using var worker = await app.ApiAs("worker");
        var survey = await coordinator.NewTemplate();
        var village = await app.FreeVillage("support-group");
        foreach (var _ in Enumerable.Range(0, 3))
        {
            await (await worker.PostJson("/api/v1/responses", Response(survey.Id, village, supportGroup: "no"))).Read<IntakeView>(HttpStatusCode.Created);
        }
        var person = await (await worker.PostJson("/api/v1/people", new
        {
            id = Guid.CreateVersion7(), villageId = village, givenName = "Rekha", consentedPurposes = new[] { "CaseWork" }, consentMethod = "Verbal",
        })).Read<JsonElement>(HttpStatusCode.Created);
        await (await worker.PostJson($"/api/v1/people/{person.GetProperty("id").GetGuid()}/visits", new
        {
            id = Guid.CreateVersion7(), villageId = village, visitedOn = DateOnly.FromDateTime(DateTime.UtcNow), purpose = "check-in",
            gapCategories = new[] { "support-group" },
        })).Read<JsonElement>(HttpStatusCode.Created);

        var proposed = await app.SendAs(new SystemUser(), new ProposeGaps());
        var proposedAgain = await app.SendAs(new SystemUser(), new ProposeGaps());
        var gapId = await app.WithDb(db => db.ExecuteScalarAsync<Guid>(
            "SELECT id FROM surveys_gap WHERE village_id = @Village AND category = 'support-group'", new { Village = village }));
        var detail = await (await coordinator.GetAsync($"/api/v1/gaps/{gapId}")).Read<GapDetailView>();

        Assert.True(proposed >= 1);
        Assert.Equal(0, proposedAgain);
        Assert.Equal("rule", detail.Gap.Origin);
        Assert.Equal(3, detail.ResponseCount);
        Assert.Equal(1, detail.VisitCount);
        var coordinatorCaller = new TestCaller(await app.UserId("coordinator"), "Coordinator");
        await Assert.ThrowsAsync<ForbiddenProblem>(() => app.SendAs(coordinatorCaller, new ProposeGaps()));
    }

    [Fact]
    public async Task Aggregates_and_the_map_count_only_the_callers_regions()
    {
        using var worker = await app.ApiAs("worker");
        using var vidishaWorker = await app.ApiAs("worker.vidisha");
        using var manager = await app.ApiAs("manager");
        var gap = await Report(vidishaWorker, await app.FreeVillage("transport", "Vidisha"), "transport");
        var vidisha = await app.RegionId("Vidisha");

        var managerCounts = await (await manager.GetAsync("/api/v1/gaps/counts?level=District")).Read<List<JsonElement>>();
        var workerCounts = await (await worker.GetAsync("/api/v1/gaps/counts?level=District")).Read<List<JsonElement>>();
        var map = await vidishaWorker.GetAsync("/api/v1/gaps/map");
        var workerMap = JsonDocument.Parse(await (await worker.GetAsync("/api/v1/gaps/map")).Content.ReadAsStringAsync()).RootElement;
        var trend = await (await manager.GetAsync("/api/v1/gaps/counts/by-month")).Read<JsonElement>();

        Assert.Contains(managerCounts, c => c.GetProperty("regionId").GetGuid() == vidisha && c.GetProperty("category").GetString() == "transport");
        Assert.DoesNotContain(workerCounts, c => c.GetProperty("regionId").GetGuid() == vidisha);
        Assert.Equal("application/geo+json", map.Content.Headers.ContentType?.MediaType);
        var features = JsonDocument.Parse(await map.Content.ReadAsStringAsync()).RootElement.GetProperty("features").EnumerateArray().ToList();
        Assert.Contains(features, f => f.GetProperty("id").GetGuid() == gap.Id && f.GetProperty("properties").GetProperty("category").GetString() == "transport");
        Assert.DoesNotContain(workerMap.GetProperty("features").EnumerateArray(), f => f.GetProperty("id").GetGuid() == gap.Id);
        Assert.Contains(trend.GetProperty("reported").EnumerateArray(), m => m.GetProperty("month").GetString() == DateTime.UtcNow.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Workers_cannot_reach_another_regions_gaps_by_id()
    {
        using var worker = await app.ApiAs("worker");
        using var vidishaWorker = await app.ApiAs("worker.vidisha");
        using var coordinator = await app.ApiAs("coordinator");
        var gap = await Report(worker, await app.FreeVillage("clinic"), "clinic");
        var deniedBefore = await app.WithDb(db => db.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM shared_audit_log WHERE entity = 'gap' AND outcome = 'denied'"));

        (string Method, string Url, object? Body)[] routes =
        [
            ("GET", $"/api/v1/gaps/{gap.Id}", null),
            ("POST", $"/api/v1/gaps/{gap.Id}/state", new { version = gap.Version, state = "verified" }),
            ("POST", $"/api/v1/gaps/{gap.Id}/assignment", new { version = gap.Version, ownerId = (Guid?)null, dueOn = (DateOnly?)null }),
        ];
        foreach (var (method, url, body) in routes)
        {
            var response = method == "GET" ? await vidishaWorker.GetAsync(url) : await vidishaWorker.PostJson(url, body!);
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"{method} {url}: {(int)response.StatusCode}");
        }
        var listed = await (await vidishaWorker.GetAsync("/api/v1/gaps?pageSize=200")).Read<JsonElement>();
        var report = await vidishaWorker.PostJson("/api/v1/gaps", new { villageId = await app.RegionId("Kotri"), category = "transport" });

        Assert.DoesNotContain(listed.GetProperty("items").EnumerateArray(), g => g.GetProperty("id").GetGuid() == gap.Id);
        await report.Problem(HttpStatusCode.NotFound);
        Assert.True(await app.WithDb(db => db.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM shared_audit_log WHERE entity = 'gap' AND outcome = 'denied'")) > deniedBefore);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync($"/api/v1/gaps/{gap.Id}")).StatusCode);
    }
}

[Collection(HostTests.Name)]
public sealed class SqliteGapTests(SqliteApp app) : GapTests(app);

[Collection(HostTests.Name)]
public sealed class PostgresGapTests(PostgresApp app) : GapTests(app);

[Collection(HostTests.Name)]
public sealed class SqlServerGapTests(SqlServerApp app) : GapTests(app);
