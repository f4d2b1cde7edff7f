using System.Net;
using System.Text.Json;
using Outreach.IntegrationTests.Infrastructure;
using static Outreach.IntegrationTests.Surveys.SurveyFixtures;

namespace Outreach.IntegrationTests.Surveys;

/// <summary>Survey versions, responses, offline sync and conflicts, through the API on each real database.</summary>
public abstract class ResponseTests(IOutreachApp app)
{
    private sealed record ConflictView(Guid Id, Guid ResponseId, string Stored, string Submitted, string Status, string? Replaced);

    private Task<string> StoredAnswers(Guid id) =>
        app.WithDb(db => db.ExecuteScalarAsync<string>("SELECT answers FROM surveys_response WHERE id = @Id", new { Id = id }));

    private Task<long> Conflicts(Guid responseId) =>
        app.WithDb(db => db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM surveys_sync_conflict WHERE response_id = @Id", new { Id = responseId }));

    /// <summary>The dashboards' tally and the responses themselves agree, month by month.</summary>
    private async Task AssertTallyMatches(Guid villageId)
    {
        var counted = await app.WithDb(db => db.QueryAsync<string>(
            "SELECT {month:collected_on} FROM surveys_response WHERE village_id = @Id", new { Id = villageId }));
        var tallied = await app.WithDb(db => db.QueryAsync<string>(
            "SELECT month {cat} ':' {cat} CAST(SUM(responses) AS VARCHAR(10)) FROM surveys_response_tally WHERE village_id = @Id GROUP BY month HAVING SUM(responses) <> 0 ORDER BY month", new { Id = villageId }));
        Assert.Equal(counted.GroupBy(m => m).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}:{g.Count()}"), tallied);
        var byCampaign = await app.WithDb(db => db.ExecuteScalarAsync<long>(
            "SELECT COALESCE(SUM(responses), 0) FROM surveys_campaign_tally WHERE village_id = @Id", new { Id = villageId }));
        Assert.Equal(counted.Count, byCampaign);
        var everywhere = await app.WithDb(db => db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM surveys_response"));
        var byDistrict = await app.WithDb(db => db.ExecuteScalarAsync<long>("SELECT COALESCE(SUM(responses), 0) FROM surveys_district_tally"));
        Assert.Equal(everywhere, byDistrict);
        await GapTallyMatches(app);
    }

    /// <summary>Every village's gap tally equals the gap reports its responses carry.</summary>
    internal static async Task GapTallyMatches(IOutreachApp app)
    {
        var reported = await app.WithDb(db => db.QueryAsync<(string VillageId, string? Gaps)>("SELECT CAST(village_id AS VARCHAR(36)), gap_categories FROM surveys_response"));
        var expected = reported.SelectMany(r => (r.Gaps ?? "").Split('|', StringSplitOptions.RemoveEmptyEntries), (r, category) => $"{r.VillageId.ToUpperInvariant()}:{category}")
            .GroupBy(k => k).Select(g => $"{g.Key}:{g.Count()}").Order(StringComparer.Ordinal);
        var tallied = await app.WithDb(db => db.QueryAsync<(string VillageId, string Category, int Responses)>(
            "SELECT CAST(village_id AS VARCHAR(36)), category, responses FROM surveys_gap_tally WHERE responses <> 0"));
        Assert.Equal(expected, tallied.Select(t => $"{t.VillageId.ToUpperInvariant()}:{t.Category}:{t.Responses}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_new_version_leaves_answers_to_the_old_one_valid()
    {
        using var coordinator = await app.ApiAs("coordinator");
        using var worker = await app.ApiAs("worker");
        var survey = await coordinator.NewTemplate();
        var v2 = await (await coordinator.PostJson($"/api/v1/surveys/{survey.Id}/versions", new
        {
            version = survey.Version,
            questions = new object[] { new { key = "support_group", type = "YesNo", label = "Support group nearby?", required = true } },
        })).Read<TemplateView>();
        var stale = await coordinator.PostJson($"/api/v1/surveys/{survey.Id}/versions", new
        {
            version = survey.Version,
            questions = new object[] { new { key = "x", type = "Text", label = "X" } },
        });

        var old = await (await coordinator.GetAsync($"/api/v1/surveys/{survey.Id}?version=1")).Read<TemplateView>();
        var answeredV1 = await (await worker.PostJson("/api/v1/responses", Response(survey.Id, await app.RegionId("Jawar"))))
            .Read<IntakeView>(HttpStatusCode.Created);
        var v1AnswersToV2 = await worker.PostJson("/api/v1/responses", Response(survey.Id, await app.RegionId("Jawar"), version: 2));

        Assert.Equal(2, v2.VersionNumber);
        Assert.Single(v2.Questions);
        await stale.Problem(HttpStatusCode.Conflict);
        Assert.Equal(6, old.Questions.Count);
        Assert.Equal("क्या पास में कोई सहायता समूह है?", old.Questions[0].LabelHi);
        Assert.Equal("Created", answeredV1.Status);
        var problem = await v1AnswersToV2.Problem(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("answers.missing", out _));
    }

    [Fact]
    public async Task Only_coordinators_define_surveys_and_broken_definitions_are_explained()
    {
        using var coordinator = await app.ApiAs("coordinator");
        using var worker = await app.ApiAs("worker");

        var byWorker = await worker.PostJson("/api/v1/surveys", new { name = "Mine", questions = Questions });
        var broken = await coordinator.PostJson("/api/v1/surveys", new
        {
            name = "Broken",
            questions = new object[]
            {
                new { key = "a", type = "Text", label = "A" },
                new { key = "a", type = "SingleSelect", label = "Again" },
                new { key = "b", type = "YesNo", label = "B", gaps = new Dictionary<string, string> { ["maybe"] = "clinic" } },
            },
        });

        await byWorker.Problem(HttpStatusCode.Forbidden);
        var errors = (await broken.Problem(HttpStatusCode.BadRequest)).GetProperty("errors").GetRawText();
        Assert.Contains("used twice", errors, StringComparison.Ordinal);
        Assert.Contains("needs choices", errors, StringComparison.Ordinal);
        Assert.Contains("'maybe'", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_replayed_response_is_a_no_op_and_a_different_one_is_kept_as_a_conflict_never_overwriting()
    {
        using var coordinator = await app.ApiAs("coordinator");
        using var worker = await app.ApiAs("worker");
        var survey = await coordinator.NewTemplate();
        var village = await app.RegionId("Kotri");
        var id = Guid.CreateVersion7();

        var first = await (await worker.PostJson("/api/v1/responses", Response(survey.Id, village, id))).Read<IntakeView>(HttpStatusCode.Created);
        var replay = await (await worker.PostJson("/api/v1/responses", Response(survey.Id, village, id))).Read<IntakeView>();
        var stored = await StoredAnswers(id);
        var different = await worker.PostJson("/api/v1/responses", Response(survey.Id, village, id, households: 41));
        var differentAgain = await worker.PostJson("/api/v1/responses", Response(survey.Id, village, id, households: 41));

        Assert.Equal("Created", first.Status);
        Assert.Equal("Unchanged", replay.Status);
        var conflict = await different.Problem(HttpStatusCode.Conflict);
        var conflictAgain = await differentAgain.Problem(HttpStatusCode.Conflict);
        Assert.Equal(conflict.GetProperty("conflictId").GetGuid(), conflictAgain.GetProperty("conflictId").GetGuid());
        Assert.Equal(stored, await StoredAnswers(id));
        Assert.Equal(1, await Conflicts(id));

        var listed = (await (await coordinator.GetAsync("/api/v1/responses/conflicts")).Read<List<ConflictView>>()).Single(c => c.ResponseId == id);
        Assert.Contains("\"households\":40", listed.Stored, StringComparison.Ordinal);
        Assert.Contains("\"households\":41", listed.Submitted, StringComparison.Ordinal);
        await (await worker.GetAsync("/api/v1/responses/conflicts")).Problem(HttpStatusCode.Forbidden);

        var resolve = await coordinator.PostJson($"/api/v1/responses/conflicts/{listed.Id}/resolve", new { takeSubmitted = true });
        var resolveAgain = await coordinator.PostJson($"/api/v1/responses/conflicts/{listed.Id}/resolve", new { takeSubmitted = false });

        Assert.Equal(HttpStatusCode.NoContent, resolve.StatusCode);
        await resolveAgain.Problem(HttpStatusCode.Conflict);
        Assert.Contains("\"households\":41", await StoredAnswers(id), StringComparison.Ordinal);
        var afterwards = await (await worker.PostJson("/api/v1/responses", Response(survey.Id, village, id, households: 41))).Read<IntakeView>();
        Assert.Equal("Unchanged", afterwards.Status);
        await AssertTallyMatches(village);

        // The replaced version stays on the settled conflict, whole: where, when and what was answered.
        Assert.DoesNotContain(await (await coordinator.GetAsync("/api/v1/responses/conflicts")).Read<List<ConflictView>>(), c => c.Id == listed.Id);
        var settled = (await (await coordinator.GetAsync("/api/v1/responses/conflicts?includeSettled=true")).Read<List<ConflictView>>()).Single(c => c.Id == listed.Id);
        Assert.Equal("replaced", settled.Status);
        var replaced = JsonDocument.Parse(settled.Replaced!).RootElement;
        Assert.Equal(village, replaced.GetProperty("villageId").GetGuid());
        Assert.Equal(40, replaced.GetProperty("answers").GetProperty("households").GetInt32());
        Assert.Equal(JsonDocument.Parse(stored).RootElement.GetProperty("support_group").GetBoolean(), replaced.GetProperty("answers").GetProperty("support_group").GetBoolean());
    }

    [Fact]
    public async Task Taking_two_later_versions_in_turn_keeps_each_replaced_version_in_order()
    {
        using var coordinator = await app.ApiAs("coordinator");
        using var worker = await app.ApiAs("worker");
        var survey = await coordinator.NewTemplate();
        var village = await app.RegionId("Kotri");
        var id = Guid.CreateVersion7();
        await (await worker.PostJson("/api/v1/responses", Response(survey.Id, village, id, households: 40))).Read<IntakeView>(HttpStatusCode.Created);
        await worker.PostJson("/api/v1/responses", Response(survey.Id, village, id, households: 41));
        await worker.PostJson("/api/v1/responses", Response(survey.Id, village, id, households: 42));
        var open = (await (await coordinator.GetAsync("/api/v1/responses/conflicts")).Read<List<ConflictView>>()).Where(c => c.ResponseId == id).ToList();
        var (take41, take42) = (open.Single(c => c.Submitted.Contains("\"households\":41", StringComparison.Ordinal)), open.Single(c => c.Submitted.Contains("\"households\":42", StringComparison.Ordinal)));

        await coordinator.PostJson($"/api/v1/responses/conflicts/{take41.Id}/resolve", new { takeSubmitted = true });
        await coordinator.PostJson($"/api/v1/responses/conflicts/{take42.Id}/resolve", new { takeSubmitted = true });

        var settled = (await (await coordinator.GetAsync("/api/v1/responses/conflicts?includeSettled=true")).Read<List<ConflictView>>()).Where(c => c.ResponseId == id).ToList();
        int Households(string canonical) => JsonDocument.Parse(canonical).RootElement.GetProperty("answers").GetProperty("households").GetInt32();
        Assert.Equal(40, Households(settled.Single(c => c.Id == take41.Id).Replaced!));
        Assert.Equal(41, Households(settled.Single(c => c.Id == take42.Id).Replaced!));
        Assert.Contains("\"households\":42", await StoredAnswers(id), StringComparison.Ordinal);
        await AssertTallyMatches(village);
    }

    [Fact]
    public async Task Bad_answers_are_explained_per_question_and_nothing_is_stored()
    {
        using var coordinator = await app.ApiAs("coordinator");
        using var worker = await app.ApiAs("worker");
        var survey = await coordinator.NewTemplate();
        var before = await app.Count("surveys_response");

        var response = await worker.PostRaw("/api/v1/responses", JsonSerializer.Serialize(new
        {
            id = Guid.CreateVersion7(),
            templateId = survey.Id,
            templateVersion = 1,
            villageId = await app.RegionId("Kotri"),
            collectedOn = "2026-11-20",
            latitude = 95.5,
            longitude = 77.0,
            answers = new Dictionary<string, object>
            {
                ["missing"] = new[] { "clinic", "temple" },
                ["households"] = "1,200",
                ["wellbeing"] = 7,
                ["position"] = "0 0",
                ["visited_on"] = "31/02/2026",
                ["shoe_size"] = 9,
            },
        }));

        var errors = (await response.Problem(HttpStatusCode.BadRequest)).GetProperty("errors");
        string Error(string key) => errors.GetProperty(key)[0].GetString()!;
        Assert.Contains("required", Error("answers.support_group"), StringComparison.Ordinal);
        Assert.Contains("'temple'", Error("answers.missing"), StringComparison.Ordinal);
        Assert.Contains("at most 500", Error("answers.households"), StringComparison.Ordinal);
        Assert.Contains("1 to 5", Error("answers.wellbeing"), StringComparison.Ordinal);
        Assert.Contains("GPS fix failed", Error("answers.position"), StringComparison.Ordinal);
        Assert.Contains("not a date", Error("answers.visited_on"), StringComparison.Ordinal);
        Assert.Contains("not a question", Error("answers.shoe_size"), StringComparison.Ordinal);
        Assert.Contains("usable GPS", Error("latitude"), StringComparison.Ordinal);
        Assert.Equal(before, await app.Count("surveys_response"));

        var garbage = await worker.PostRaw("/api/v1/responses", "{\"id\": \"not-a-guid\", \"answers\": 5}");
        await garbage.Problem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_offline_batch_gets_a_status_per_response_and_can_be_resent_any_number_of_times()
    {
        using var coordinator = await app.ApiAs("coordinator");
        using var worker = await app.ApiAs("worker");
        var survey = await coordinator.NewTemplate();
        var kotri = await app.RegionId("Kotri");
        var stored = Guid.CreateVersion7();
        await worker.PostJson("/api/v1/responses", Response(survey.Id, kotri, stored));
        var fresh = Guid.CreateVersion7();
        var invalid = Guid.CreateVersion7();
        var elsewhere = Guid.CreateVersion7();
        object[] batch =
        [
            Response(survey.Id, kotri, fresh),
            Response(survey.Id, kotri, stored),
            Response(survey.Id, kotri, stored, households: 99),
            Response(survey.Id, kotri, invalid, households: 0),
            Response(survey.Id, await app.RegionId("Pathari"), elsewhere),
        ];

        var first = await (await worker.PostJson("/api/v1/responses/sync", batch)).Read<List<IntakeView>>();
        var count = await app.Count("surveys_response");
        var second = await (await worker.PostJson("/api/v1/responses/sync", batch)).Read<List<IntakeView>>();

        Assert.Equal(["Created", "Unchanged", "Conflict", "Rejected", "Rejected"], first.Select(r => r.Status));
        Assert.Equal(["Unchanged", "Unchanged", "Conflict", "Rejected", "Rejected"], second.Select(r => r.Status));
        Assert.Equal(first[2].ConflictId, second[2].ConflictId);
        Assert.Contains("at least 1", first[3].Errors!["answers.households"], StringComparison.Ordinal);
        Assert.Contains("in your regions", first[4].Errors!["villageId"], StringComparison.Ordinal);
        Assert.Equal(count, await app.Count("surveys_response"));
        Assert.Equal(1, await Conflicts(stored));
        await AssertTallyMatches(kotri);
    }

    [Fact]
    public async Task A_campaign_counts_responses_per_village_within_its_dates()
    {
        using var coordinator = await app.ApiAs("coordinator");
        using var worker = await app.ApiAs("worker");
        using var vidishaWorker = await app.ApiAs("worker.vidisha");
        var survey = await coordinator.NewTemplate();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var campaign = await (await coordinator.PostJson("/api/v1/campaigns", new
        {
            templateId = survey.Id, name = "Ashta block, winter round", startsOn = today.AddDays(-10), endsOn = today.AddDays(20),
            targetPerVillage = 2, regionIds = new[] { await app.RegionId("Ashta") },
        })).Read<JsonElement>(HttpStatusCode.Created);
        var campaignId = campaign.GetProperty("id").GetGuid();
        var kotri = await app.RegionId("Kotri");

        await (await worker.PostJson("/api/v1/responses", Response(survey.Id, kotri, campaignId: campaignId))).Read<IntakeView>(HttpStatusCode.Created);
        var tooEarly = await worker.PostJson("/api/v1/responses", Response(survey.Id, kotri, campaignId: campaignId, collectedOn: today.AddDays(-30)));
        var outsideCampaign = await worker.PostJson("/api/v1/responses", Response(survey.Id, await app.RegionId("Amlaha"), campaignId: campaignId));
        var progress = await (await worker.GetAsync($"/api/v1/campaigns/{campaignId}/progress")).Read<JsonElement>();
        var hidden = await vidishaWorker.GetAsync($"/api/v1/campaigns/{campaignId}/progress");
        var listedForVidisha = await (await vidishaWorker.GetAsync("/api/v1/campaigns")).Read<List<JsonElement>>();

        Assert.Contains("runs from", (await tooEarly.Problem(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("collectedOn")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("not in this campaign", (await outsideCampaign.Problem(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("villageId")[0].GetString(), StringComparison.Ordinal);
        var villages = progress.GetProperty("villages").EnumerateArray().ToList();
        Assert.Equal(4, villages.Count);
        Assert.Equal(1, villages.Single(v => v.GetProperty("villageId").GetGuid() == kotri).GetProperty("responses").GetInt32());
        Assert.All(villages, v => Assert.Equal(2, v.GetProperty("target").GetInt32()));
        await hidden.Problem(HttpStatusCode.NotFound);
        Assert.DoesNotContain(listedForVidisha, c => c.GetProperty("id").GetGuid() == campaignId);

        // A district worker's time series comes from the district tally, a block worker's from the village one: same count.
        var ashtaUser = await Organization.Accounts.CreateAsync(app, "ashta", "OutreachWorker", "Ashta");
        using var ashtaWorker = await app.ApiAs(ashtaUser.Username, Organization.Accounts.Password);
        var month = today.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var client in new[] { worker, ashtaWorker })
        {
            var series = await (await client.GetAsync($"/api/v1/responses/counts/by-month?campaignId={campaignId}")).Read<List<JsonElement>>();
            Assert.Equal(1, series.Single(m => m.GetProperty("month").GetString() == month).GetProperty("count").GetInt32());
        }
    }
}

[Collection(HostTests.Name)]
public sealed class SqliteResponseTests(SqliteApp app) : ResponseTests(app);

[Collection(HostTests.Name)]
public sealed class PostgresResponseTests(PostgresApp app) : ResponseTests(app);

[Collection(HostTests.Name)]
public sealed class SqlServerResponseTests(SqlServerApp app) : ResponseTests(app);
