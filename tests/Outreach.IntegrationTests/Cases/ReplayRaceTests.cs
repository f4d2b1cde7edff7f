using System.Net;
using System.Text.Json;
using Outreach.IntegrationTests.Infrastructure;

namespace Outreach.IntegrationTests.Cases;

/// <summary>
/// A phone that lost its connection sends the same offline record again while the first copy is still being saved: both
/// copies succeed and one record is stored, for every create a phone replays.
/// </summary>
public abstract class ReplayRaceTests(IOutreachApp app)
{
    private const int Rounds = 5;

    private sealed record Subjects(Guid Person, Guid Village, Guid Service);

    /// <summary>A create a phone replays; <paramref name="Field"/> is a text field the conflict test changes.</summary>
    private sealed record Replayable(string Name, string Table, Func<Guid, Subjects, (string Url, object Body)> Request, string Field = "");

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private static readonly Replayable[] Creates =
    [
        new("visit", "cases_visit", (id, s) => ($"/api/v1/people/{s.Person}/visits",
            new { id, villageId = s.Village, visitedOn = Today, purpose = "check-in", notes = "Sat with her for an hour", gapCategories = new[] { "transport", "clinic" } }), "notes"),
        new("follow-up", "cases_follow_up", (id, s) => ($"/api/v1/people/{s.Person}/follow-ups", new { id, dueOn = Today.AddDays(5), note = "Ask how the group went" }), "note"),
        new("referral", "cases_referral", (id, s) => ($"/api/v1/people/{s.Person}/referrals", new { id, serviceId = s.Service, reason = "Wants to meet others" }), "reason"),
        new("person", "cases_person", (id, s) => ("/api/v1/people", new
        {
            id, villageId = s.Village, givenName = "Meera", consentedPurposes = new[] { "CaseWork" }, consentMethod = "Verbal",
        }), "givenName"),
    ];

    [Fact]
    public async Task A_replay_answers_the_stored_record_and_a_different_body_under_the_same_id_is_a_409_showing_both()
    {
        using var worker = await app.ApiAs("worker");
        var subjects = await SubjectsAsync(worker);
        foreach (var create in Creates)
        {
            var id = Guid.CreateVersion7();
            var (url, body) = create.Request(id, subjects);
            var first = await (await worker.PostJson(url, body)).Read<JsonElement>(HttpStatusCode.Created);
            var replay = await (await worker.PostJson(url, body)).Read<JsonElement>(HttpStatusCode.Created);
            Assert.Equal(first.GetProperty("id").GetGuid(), replay.GetProperty("id").GetGuid());

            var changed = JsonSerializer.SerializeToNode(body, Demo.Json)!.AsObject();
            var original = changed[create.Field]!.GetValue<string>();
            changed[create.Field] = original + " (edited on another phone)";
            var problem = await (await worker.PostRaw(url, changed.ToJsonString())).Problem(HttpStatusCode.Conflict);
            Assert.Equal(original, problem.GetProperty("existing").GetProperty(create.Field).GetString());
            Assert.Equal(original + " (edited on another phone)", problem.GetProperty("submitted").GetProperty(create.Field).GetString());
            Assert.Equal(1, await app.WithDb(db => db.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {create.Table} WHERE id = @Id", new { Id = id })));
        }
    }

    private async Task<Subjects> SubjectsAsync(HttpClient worker)
    {
        var village = await app.RegionId("Kotri");
        var person = (await (await worker.PostJson("/api/v1/people", new
        {
            id = Guid.CreateVersion7(), villageId = village, givenName = "Sarita", consentedPurposes = new[] { "CaseWork", "ReferralSharing" }, consentMethod = "Verbal",
        })).Read<JsonElement>(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var service = (await (await worker.PostJson("/api/v1/services", new
        {
            id = Guid.CreateVersion7(), name = $"Kotri circle {Guid.NewGuid():N}", category = "support-group", regionId = await app.RegionId("Sehore"),
            contact = "+91 94250 33333", mode = "in-person",
        })).Read<JsonElement>(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        return new Subjects(person, village, service);
    }

    [Fact]
    public async Task The_same_create_sent_twice_at_once_stores_one_record_and_answers_both_copies()
    {
        using var worker = await app.ApiAs("worker");
        using var again = await app.ApiAs("worker");
        var subjects = await SubjectsAsync(worker);
        var findings = new List<string>();
        foreach (var create in Creates)
        {
            for (var round = 0; round < Rounds; round++)
            {
                var id = Guid.CreateVersion7();
                var (url, body) = create.Request(id, subjects);
                var answers = await Task.WhenAll(worker.PostJson(url, body), again.PostJson(url, body));
                var statuses = answers.Select(a => (int)a.StatusCode).ToList();
                var stored = await app.WithDb(db => db.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {create.Table} WHERE id = @Id", new { Id = id }));
                if (statuses.Any(s => s != 201) || stored != 1)
                {
                    findings.Add($"{create.Name} round {round}: answered {string.Join(", ", statuses)}, stored {stored}: {await answers[0].Content.ReadAsStringAsync()} {await answers[1].Content.ReadAsStringAsync()}");
                    continue;
                }
                var ids = await Task.WhenAll(answers.Select(async a => (await a.Read<JsonElement>(HttpStatusCode.Created)).GetProperty("id").GetGuid()));
                if (ids.Any(i => i != id)) findings.Add($"{create.Name} round {round}: answered with ids {string.Join(", ", ids)} for {id}");
            }
        }
        Assert.True(findings.Count == 0, $"Racing replays went wrong on {app.ProviderName()}:\n" + string.Join("\n", findings));
    }

    [Fact]
    public async Task A_visit_stored_with_the_hash_of_the_old_request_shape_still_replays_and_a_different_body_is_a_409()
    {
        using var worker = await app.ApiAs("worker");
        var village = await app.RegionId("Kotri");
        var person = (await (await worker.PostJson("/api/v1/people", new
        {
            id = Guid.CreateVersion7(), villageId = village, givenName = "Rani", consentedPurposes = new[] { "CaseWork" }, consentMethod = "Verbal",
        })).Read<JsonElement>(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var visit = new Outreach.Cases.Visits.RecordVisit(Guid.CreateVersion7(), person, village, DateOnly.FromDateTime(DateTime.UtcNow), 23.0512m, 77.0234m,
            "check-in", "Sat with her", null, ["transport"]);
        var body = new
        {
            id = visit.Id, villageId = village, visitedOn = visit.VisitedOn, latitude = 23.0512m, longitude = 77.0234m, purpose = "check-in", notes = "Sat with her",
            gapCategories = new[] { "transport" },
        };
        await (await worker.PostJson($"/api/v1/people/{person}/visits", body)).Read<JsonElement>(HttpStatusCode.Created);
        var oldHash = Outreach.Cases.Visits.VisitContent.ShapeHashBefore0018(visit);
        await app.WithDb(db => db.ExecuteAsync("UPDATE cases_visit SET content_hash = @Hash WHERE id = @Id", new { Hash = oldHash, visit.Id }));

        var replay = await (await worker.PostJson($"/api/v1/people/{person}/visits", body)).Read<JsonElement>(HttpStatusCode.Created);
        Assert.Equal(visit.Id, replay.GetProperty("id").GetGuid());
        var conflict = await (await worker.PostJson($"/api/v1/people/{person}/visits", body with { notes = "Sat with her mother" })).Problem(HttpStatusCode.Conflict);
        Assert.Equal("Sat with her", conflict.GetProperty("existing").GetProperty("notes").GetString());
        Assert.Equal("Sat with her mother", conflict.GetProperty("submitted").GetProperty("notes").GetString());
        Assert.Equal(1, await app.WithDb(db => db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM cases_visit WHERE id = @Id", new { visit.Id })));
    }
}

[Collection(HostTests.Name)]
public sealed class SqliteReplayRaceTests(SqliteApp app) : ReplayRaceTests(app);

[Collection(HostTests.Name)]
public sealed class PostgresReplayRaceTests(PostgresApp app) : ReplayRaceTests(app);

[Collection(HostTests.Name)]
public sealed class SqlServerReplayRaceTests(SqlServerApp app) : ReplayRaceTests(app);
