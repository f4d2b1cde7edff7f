using System.Net;
using Outreach.Cases.FollowUps;
using Outreach.IntegrationTests.Infrastructure;
using Outreach.IntegrationTests.Organization;
using Outreach.Shared;
using Outreach.Shared.Security;

namespace Outreach.IntegrationTests.Cases;

/// <summary>Visits, follow-ups, caseloads and the overdue job, through the API and the mediator, on each real database.</summary>
public abstract class VisitTests(IOutreachApp app)
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private sealed record PersonView(Guid Id, string Reference);

    private sealed record VisitView(
        Guid Id, Guid PersonId, Guid VillageId, DateOnly VisitedOn, decimal? Latitude, decimal? Longitude, string Purpose, string? Notes,
        bool HasHealthNotes, string? HealthNotes, List<string> GapCategories);

    private sealed record FollowUpView(Guid Id, Guid PersonId, DateOnly DueOn, string Note, string Status, Guid AssignedWorkerId, int Version);

    private sealed record CaseloadView(Guid Id, string Reference, DateOnly? NextFollowUpOn, bool IsOverdue);

    private sealed record CaseloadPage(List<CaseloadView> Items, int Total);

    private sealed record OverdueView(Guid Id, Guid PersonId, string PersonReference, Guid AssignedWorkerId, DateOnly DueOn);

    private sealed record OverduePage(List<OverdueView> Items, int Total);

    private async Task<PersonView> NewPerson(HttpClient worker, string village = "Kotri") =>
        await (await worker.PostJson("/api/v1/people", new
        {
            id = Guid.CreateVersion7(),
            villageId = await app.RegionId(village),
            givenName = "Kamla",
            consentedPurposes = new[] { "CaseWork" },
            consentMethod = "Verbal",
        })).Read<PersonView>(HttpStatusCode.Created);

    private async Task<object> NewVisit(string village = "Kotri", Guid? id = null, string? notes = "Talked about sleep", string? healthNotes = null) => new
    {
        id = id ?? Guid.CreateVersion7(),
        villageId = await app.RegionId(village),
        visitedOn = Today,
        latitude = 23.201234m,
        longitude = 77.085678m,
        purpose = "check-in",
        notes,
        healthNotes,
        gapCategories = new[] { "counselling", "clinic" },
    };

    private static async Task<FollowUpView> Schedule(HttpClient worker, Guid personId, DateOnly dueOn, string note = "Check on sleep") =>
        await (await worker.PostJson($"/api/v1/people/{personId}/follow-ups", new { id = Guid.CreateVersion7(), dueOn, note }))
            .Read<FollowUpView>(HttpStatusCode.Created);

    private Task<long> VisitCount() => app.Count("cases_visit");

    [Fact]
    public async Task A_worker_records_a_visit_and_replaying_it_changes_nothing()
    {
        using var worker = await app.ApiAs("worker");
        var person = await NewPerson(worker);
        var body = await NewVisit();

        var first = await (await worker.PostJson($"/api/v1/people/{person.Id}/visits", body)).Read<VisitView>(HttpStatusCode.Created);
        var replay = await (await worker.PostJson($"/api/v1/people/{person.Id}/visits", body)).Read<VisitView>(HttpStatusCode.Created);

        var reordered = await (await worker.PostJson($"/api/v1/people/{person.Id}/visits", new
        {
            id = first.Id, villageId = first.VillageId, visitedOn = Today, latitude = 23.201234m, longitude = 77.085678m, purpose = "check-in",
            notes = "Talked about sleep", gapCategories = new[] { "clinic", "counselling", "clinic" },
        })).Read<VisitView>(HttpStatusCode.Created);

        Assert.Equal(first, replay with { GapCategories = first.GapCategories });
        Assert.Equal(first.Id, reordered.Id);
        Assert.Equal(["clinic", "counselling"], first.GapCategories);
        Assert.Equal(23.201234m, first.Latitude);
        Assert.Equal(77.085678m, first.Longitude);
        Assert.Equal(Today, first.VisitedOn);
        Assert.Equal(1, await app.WithDb(db => db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM cases_visit WHERE person_id = @Id", new { person.Id })));

        var listed = await (await worker.GetAsync($"/api/v1/people/{person.Id}/visits")).Read<List<VisitView>>();
        var stored = Assert.Single(listed);
        Assert.Equal(23.201234m, stored.Latitude);
        Assert.Equal("clinic,counselling", await app.WithDb(db => db.ExecuteScalarAsync<string>("SELECT gap_categories FROM cases_visit WHERE id = @Id", new { first.Id })));
    }

    [Fact]
    public async Task The_same_visit_id_with_a_different_body_is_a_conflict_showing_both_versions()
    {
        using var worker = await app.ApiAs("worker");
        var person = await NewPerson(worker);
        var id = Guid.CreateVersion7();
        await (await worker.PostJson($"/api/v1/people/{person.Id}/visits", await NewVisit(id: id, notes: "First"))).Read<VisitView>(HttpStatusCode.Created);

        var problem = await (await worker.PostJson($"/api/v1/people/{person.Id}/visits", await NewVisit(id: id, notes: "Second"))).Problem(HttpStatusCode.Conflict);
        Assert.Equal("First", problem.GetProperty("existing").GetProperty("notes").GetString());
        Assert.Equal("Second", problem.GetProperty("submitted").GetProperty("notes").GetString());
    }

    [Fact]
    public async Task Bad_visit_input_gets_field_errors_and_stores_nothing()
    {
        using var worker = await app.ApiAs("worker");
        var person = await NewPerson(worker);
        var before = await VisitCount();
        var url = $"/api/v1/people/{person.Id}/visits";
        var village = await app.RegionId("Kotri");

        var problem = await (await worker.PostJson(url, new
        {
            id = Guid.CreateVersion7(), villageId = village, visitedOn = Today.AddDays(2), latitude = 23.2m, purpose = "party",
            notes = new string('n', 2001), gapCategories = new[] { "clinic", "bogus" },
        })).Problem(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "visitedOn", "longitude", "purpose", "notes", "gapCategories[1]" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
        }

        var nullIsland = await (await worker.PostJson(url, new
        {
            id = Guid.CreateVersion7(), villageId = village, visitedOn = Today, latitude = 0m, longitude = 0m, purpose = "check-in",
        })).Problem(HttpStatusCode.BadRequest);
        Assert.True(nullIsland.GetProperty("errors").TryGetProperty("latitude", out _));

        var outOfRange = await (await worker.PostJson(url, new
        {
            id = Guid.CreateVersion7(), villageId = village, visitedOn = new DateOnly(1999, 12, 31), latitude = 91m, longitude = -181m, purpose = "check-in",
        })).Problem(HttpStatusCode.BadRequest);
        foreach (var field in new[] { "visitedOn", "latitude", "longitude" })
        {
            Assert.True(outOfRange.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}");
        }
        Assert.Equal(before, await VisitCount());
    }

    [Fact]
    public async Task A_visit_in_a_village_outside_the_workers_regions_is_not_found()
    {
        using var worker = await app.ApiAs("worker");
        var person = await NewPerson(worker);
        var before = await VisitCount();
        await (await worker.PostJson($"/api/v1/people/{person.Id}/visits", await NewVisit("Pathari"))).Problem(HttpStatusCode.NotFound);
        await (await worker.PostJson($"/api/v1/people/{Guid.CreateVersion7()}/visits", await NewVisit())).Problem(HttpStatusCode.NotFound);
        Assert.Equal(before, await VisitCount());
    }

    [Fact]
    public async Task Health_notes_are_for_the_persons_worker_and_coordinators_only()
    {
        using var worker = await app.ApiAs("worker");
        var person = await NewPerson(worker);
        var visit = await (await worker.PostJson($"/api/v1/people/{person.Id}/visits", await NewVisit(healthNotes: "Not sleeping, low mood")))
            .Read<VisitView>(HttpStatusCode.Created);
        Assert.Equal("Not sleeping, low mood", visit.HealthNotes);

        Assert.Equal("Not sleeping, low mood", Assert.Single(await (await worker.GetAsync($"/api/v1/people/{person.Id}/visits")).Read<List<VisitView>>()).HealthNotes);
        using var coordinator = await app.ApiAs("coordinator");
        Assert.Equal("Not sleeping, low mood", Assert.Single(await (await coordinator.GetAsync($"/api/v1/people/{person.Id}/visits")).Read<List<VisitView>>()).HealthNotes);

        var colleague = await Accounts.CreateAsync(app, "visit.colleague");
        using var otherWorker = Accounts.Bearer(app, (await Accounts.IssueAsync(app, colleague.Username)).Token);
        var seenByColleague = Assert.Single(await (await otherWorker.GetAsync($"/api/v1/people/{person.Id}/visits")).Read<List<VisitView>>());
        Assert.False(seenByColleague.HasHealthNotes);
        Assert.Null(seenByColleague.HealthNotes);
        Assert.Equal("Talked about sleep", seenByColleague.Notes);

        using var manager = await app.ApiAs("manager");
        await (await manager.GetAsync($"/api/v1/people/{person.Id}/visits")).Problem(HttpStatusCode.Forbidden);

        var reads = await app.WithDb(db => db.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM shared_audit_log WHERE entity_id = @Id AND action = 'ListVisits' AND outcome = 'allowed'", new { person.Id }));
        Assert.Equal(3, reads);
    }

    [Fact]
    public async Task A_worker_in_another_district_cannot_see_or_add_to_a_persons_visits_and_follow_ups()
    {
        using var worker = await app.ApiAs("worker");
        using var vidisha = await app.ApiAs("worker.vidisha");
        var person = await NewPerson(worker);
        await (await worker.PostJson($"/api/v1/people/{person.Id}/visits", await NewVisit())).Read<VisitView>(HttpStatusCode.Created);
        var followUp = await Schedule(worker, person.Id, Today.AddDays(3));

        await (await vidisha.GetAsync($"/api/v1/people/{person.Id}/visits")).Problem(HttpStatusCode.NotFound);
        await (await vidisha.PostJson($"/api/v1/people/{person.Id}/follow-ups", new { id = Guid.CreateVersion7(), dueOn = Today, note = "x" }))
            .Problem(HttpStatusCode.NotFound);
        await (await vidisha.PostJson($"/api/v1/follow-ups/{followUp.Id}/complete", new { version = followUp.Version })).Problem(HttpStatusCode.NotFound);
        await (await vidisha.GetAsync($"/api/v1/people/{person.Id}/follow-ups")).Problem(HttpStatusCode.NotFound);
        Assert.DoesNotContain((await (await vidisha.GetAsync("/api/v1/caseload?pageSize=200")).Read<CaseloadPage>()).Items, c => c.Id == person.Id);
        var denials = await app.WithDb(db => db.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM shared_audit_log WHERE entity_id = @Id AND outcome = 'denied'", new { person.Id }));
        Assert.Equal(4, denials);
    }

    [Fact]
    public async Task The_caseload_shows_the_workers_people_with_their_next_follow_up_overdue_first()
    {
        using var worker = await app.ApiAs("worker");
        var upcoming = await NewPerson(worker);
        var late = await NewPerson(worker, "Jawar");
        await Schedule(worker, upcoming.Id, Today.AddDays(7));
        await Schedule(worker, upcoming.Id, Today.AddDays(2));
        await Schedule(worker, late.Id, Today.AddDays(-3));

        var caseload = (await (await worker.GetAsync("/api/v1/caseload?pageSize=200")).Read<CaseloadPage>()).Items;
        var next = Assert.Single(caseload, c => c.Id == upcoming.Id);
        Assert.Equal(Today.AddDays(2), next.NextFollowUpOn);
        Assert.False(next.IsOverdue);
        var overdue = Assert.Single(caseload, c => c.Id == late.Id);
        Assert.True(overdue.IsOverdue);
        Assert.True(caseload.FindIndex(c => c.Id == late.Id) < caseload.FindIndex(c => c.Id == upcoming.Id));
        Assert.True(caseload.TakeWhile(c => c.IsOverdue).Count() == caseload.Count(c => c.IsOverdue), "overdue people come first");

        using var coordinator = await app.ApiAs("coordinator");
        Assert.DoesNotContain((await (await coordinator.GetAsync("/api/v1/caseload?pageSize=200")).Read<CaseloadPage>()).Items, c => c.Id == upcoming.Id);
    }

    [Fact]
    public async Task Completing_a_follow_up_is_idempotent_and_a_stale_version_is_a_conflict()
    {
        using var worker = await app.ApiAs("worker");
        var person = await NewPerson(worker);
        var followUp = await Schedule(worker, person.Id, Today.AddDays(-1));
        var other = await Schedule(worker, person.Id, Today.AddDays(5));

        var done = await (await worker.PostJson($"/api/v1/follow-ups/{followUp.Id}/complete", new { version = 1 })).Read<FollowUpView>();
        Assert.Equal("done", done.Status);
        Assert.Equal(2, done.Version);
        Assert.Equal(done, await (await worker.PostJson($"/api/v1/follow-ups/{followUp.Id}/complete", new { version = 1 })).Read<FollowUpView>());
        await (await worker.PostJson($"/api/v1/follow-ups/{other.Id}/complete", new { version = 7 })).Problem(HttpStatusCode.Conflict);
        Assert.Equal("cancelled", (await (await worker.PostJson($"/api/v1/follow-ups/{other.Id}/cancel", new { version = 1 })).Read<FollowUpView>()).Status);

        using var coordinator = await app.ApiAs("coordinator");
        var overdue = await (await coordinator.GetAsync("/api/v1/follow-ups/overdue?pageSize=200")).Read<OverduePage>();
        Assert.DoesNotContain(overdue.Items, o => o.PersonId == person.Id);
        var caseload = (await (await worker.GetAsync("/api/v1/caseload?pageSize=200")).Read<CaseloadPage>()).Items;
        Assert.Null(Assert.Single(caseload, c => c.Id == person.Id).NextFollowUpOn);
    }

    [Fact]
    public async Task A_persons_follow_ups_are_listed_open_soonest_first_then_the_closed_ones_and_the_read_is_audited()
    {
        using var worker = await app.ApiAs("worker");
        var person = await NewPerson(worker);
        var later = await Schedule(worker, person.Id, Today.AddDays(9), "Ask about the group");
        var soon = await Schedule(worker, person.Id, Today.AddDays(-1), "Check on sleep");
        var done = await Schedule(worker, person.Id, Today.AddDays(-5), "Bring the helpline card");
        await (await worker.PostJson($"/api/v1/follow-ups/{done.Id}/complete", new { version = 1 })).Read<FollowUpView>();
        var other = await NewPerson(worker);
        await Schedule(worker, other.Id, Today);

        var listed = await (await worker.GetAsync($"/api/v1/people/{person.Id}/follow-ups")).Read<List<FollowUpView>>();
        Assert.Equal([soon.Id, later.Id, done.Id], listed.Select(f => f.Id).ToArray());
        Assert.Equal(["open", "open", "done"], listed.Select(f => f.Status).ToArray());
        Assert.Equal(2, listed[2].Version);

        using var manager = await app.ApiAs("manager");
        await (await manager.GetAsync($"/api/v1/people/{person.Id}/follow-ups")).Problem(HttpStatusCode.Forbidden);
        Assert.Equal(1, await app.WithDb(db => db.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM shared_audit_log WHERE entity_id = @Id AND action = 'ListFollowUps' AND outcome = 'allowed'", new { person.Id })));
    }

    [Fact]
    public async Task A_follow_up_synced_twice_is_scheduled_once_and_a_different_one_under_its_id_is_a_conflict()
    {
        using var worker = await app.ApiAs("worker");
        var person = await NewPerson(worker);
        var body = new { id = Guid.CreateVersion7(), dueOn = Today.AddDays(1), note = "Bring the helpline card" };
        var first = await (await worker.PostJson($"/api/v1/people/{person.Id}/follow-ups", body)).Read<FollowUpView>(HttpStatusCode.Created);
        Assert.Equal(first, await (await worker.PostJson($"/api/v1/people/{person.Id}/follow-ups", body)).Read<FollowUpView>(HttpStatusCode.Created));
        Assert.Equal(await app.UserId("worker"), first.AssignedWorkerId);

        var problem = await (await worker.PostJson($"/api/v1/people/{person.Id}/follow-ups", body with { note = "Something else" })).Problem(HttpStatusCode.Conflict);
        Assert.Equal("Bring the helpline card", problem.GetProperty("existing").GetProperty("note").GetString());
        var bad = await (await worker.PostJson($"/api/v1/people/{person.Id}/follow-ups", new { id = Guid.CreateVersion7(), dueOn = Today, note = "" }))
            .Problem(HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("note", out _));
        Assert.Equal(1, await app.WithDb(db => db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM cases_follow_up WHERE person_id = @Id", new { person.Id })));
    }

    [Fact]
    public async Task Coordinators_see_overdue_follow_ups_in_their_regions()
    {
        using var worker = await app.ApiAs("worker");
        var person = await NewPerson(worker);
        var followUp = await Schedule(worker, person.Id, Today.AddDays(-2));
        await Schedule(worker, person.Id, Today);

        using var coordinator = await app.ApiAs("coordinator");
        var overdue = (await (await coordinator.GetAsync("/api/v1/follow-ups/overdue?pageSize=200")).Read<OverduePage>()).Items;
        var item = Assert.Single(overdue, o => o.PersonId == person.Id);
        Assert.Equal(followUp.Id, item.Id);
        Assert.Equal(person.Reference, item.PersonReference);
        Assert.Equal(await app.UserId("worker"), item.AssignedWorkerId);
        Assert.All(overdue, o => Assert.True(o.DueOn < Today));

        using var manager = await app.ApiAs("manager");
        await (await manager.GetAsync("/api/v1/follow-ups/overdue")).Problem(HttpStatusCode.Forbidden);
        await (await worker.GetAsync("/api/v1/follow-ups/overdue")).Problem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Flagging_overdue_follow_ups_twice_on_one_day_flags_each_once()
    {
        using var worker = await app.ApiAs("worker");
        var person = await NewPerson(worker);
        var overdue = await Schedule(worker, person.Id, Today.AddDays(-4));
        var notYet = await Schedule(worker, person.Id, Today);

        var flagged = await app.SendAs(new SystemUser(), new FlagOverdueFollowUps());
        var again = await app.SendAs(new SystemUser(), new FlagOverdueFollowUps());

        Assert.True(flagged >= 1);
        Assert.Equal(0, again);
        Assert.Equal(Today, await NotifiedOn(overdue.Id));
        Assert.Null(await NotifiedOn(notYet.Id));
        var admin = new TestCaller(await app.UserId("admin"), "Admin");
        await Assert.ThrowsAsync<ForbiddenProblem>(() => app.SendAs(admin, new FlagOverdueFollowUps()));
    }

    private Task<DateOnly?> NotifiedOn(Guid id) =>
        app.WithDb(db => db.QuerySingleOrDefaultAsync<DateOnly?>("SELECT overdue_notified_on FROM cases_follow_up WHERE id = @Id", new { Id = id }));

}

[Collection(HostTests.Name)]
public sealed class SqliteVisitTests(SqliteApp app) : VisitTests(app);

[Collection(HostTests.Name)]
public sealed class PostgresVisitTests(PostgresApp app) : VisitTests(app);

[Collection(HostTests.Name)]
public sealed class SqlServerVisitTests(SqlServerApp app) : VisitTests(app);
