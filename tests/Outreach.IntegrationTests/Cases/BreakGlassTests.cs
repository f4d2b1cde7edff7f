using System.Net;
using Outreach.IntegrationTests.Infrastructure;
using Outreach.IntegrationTests.Organization;

namespace Outreach.IntegrationTests.Cases;

/// <summary>Break-glass access to sensitive notes and merging duplicate people, through the API, on each real database.</summary>
public abstract class BreakGlassTests(IOutreachApp app)
{
    private const string Reason = "Crisis call tonight; her worker is on leave";

    private sealed record PersonView(Guid Id, string Reference, bool HasRiskNote, string? RiskNote, bool MaySeeSensitive, string Status, int Version);

    private sealed record PersonPage(List<PersonView> Items, int Total);

    private sealed record GrantView(Guid Id, Guid PersonId, Guid UserId, string Reason, DateTimeOffset GrantedAt, DateTimeOffset ExpiresAt);

    private sealed record GrantItem(Guid Id, Guid PersonId, string PersonReference, Guid UserId, string Reason, DateTimeOffset GrantedAt);

    private sealed record GrantPage(List<GrantItem> Items, int Total);

    private sealed record VisitView(Guid Id, Guid PersonId);

    private async Task<PersonView> NewPerson(HttpClient worker, string given = "Sunita", string? riskNote = "Spoke of self-harm last month") =>
        await (await worker.PostJson("/api/v1/people", new
        {
            id = Guid.CreateVersion7(),
            villageId = await app.RegionId("Kotri"),
            givenName = given,
            riskNote,
            consentedPurposes = new[] { "CaseWork" },
            consentMethod = "Verbal",
        })).Read<PersonView>(HttpStatusCode.Created);

    private async Task<HttpClient> Colleague()
    {
        var colleague = await Accounts.CreateAsync(app, "colleague");
        return Accounts.Bearer(app, (await Accounts.IssueAsync(app, colleague.Username)).Token);
    }

    [Fact]
    public async Task A_colleague_who_gives_a_reason_sees_the_risk_note_and_the_coordinator_sees_who_and_why()
    {
        using var worker = await app.ApiAs("worker");
        using var colleague = await Colleague();
        var person = await NewPerson(worker);
        Assert.False((await (await colleague.GetAsync($"/api/v1/people/{person.Id}")).Read<PersonView>()).MaySeeSensitive);

        var grant = await (await colleague.PostJson($"/api/v1/people/{person.Id}/break-glass", new { reason = Reason })).Read<GrantView>();
        Assert.True(grant.ExpiresAt > grant.GrantedAt.AddMinutes(90));
        var seen = await (await colleague.GetAsync($"/api/v1/people/{person.Id}")).Read<PersonView>();
        Assert.True(seen.MaySeeSensitive);
        Assert.Equal("Spoke of self-harm last month", seen.RiskNote);

        var audited = await app.WithDb(db => db.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM shared_audit_log WHERE entity_id = @Id AND action = 'OpenSensitiveRecords' AND outcome = 'allowed' AND detail = @Reason",
            new { person.Id, Reason }));
        Assert.Equal(1, audited);

        using var coordinator = await app.ApiAs("coordinator");
        var listed = await (await coordinator.GetAsync("/api/v1/break-glass?pageSize=200")).Read<GrantPage>();
        var item = Assert.Single(listed.Items, i => i.Id == grant.Id);
        Assert.Equal((person.Id, person.Reference, grant.UserId, Reason), (item.PersonId, item.PersonReference, item.UserId, item.Reason));
        await (await worker.GetAsync("/api/v1/break-glass")).Problem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Without_a_reason_nothing_is_opened()
    {
        using var worker = await app.ApiAs("worker");
        using var colleague = await Colleague();
        var person = await NewPerson(worker);

        await (await colleague.PostJson($"/api/v1/people/{person.Id}/break-glass", new { reason = (string?)null })).Problem(HttpStatusCode.BadRequest);
        await (await colleague.PostJson($"/api/v1/people/{person.Id}/break-glass", new { reason = "because" })).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(0, await app.WithDb(db => db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM cases_access_grant WHERE person_id = @Id", new { person.Id })));
        Assert.False((await (await colleague.GetAsync($"/api/v1/people/{person.Id}")).Read<PersonView>()).MaySeeSensitive);
    }

    [Fact]
    public async Task A_worker_in_another_district_cannot_break_the_glass()
    {
        using var worker = await app.ApiAs("worker");
        using var vidisha = await app.ApiAs("worker.vidisha");
        var person = await NewPerson(worker);

        await (await vidisha.PostJson($"/api/v1/people/{person.Id}/break-glass", new { reason = Reason })).Problem(HttpStatusCode.NotFound);
        Assert.Equal(0, await app.WithDb(db => db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM cases_access_grant WHERE person_id = @Id", new { person.Id })));
    }

    [Fact]
    public async Task An_expired_grant_no_longer_opens_the_notes()
    {
        using var worker = await app.ApiAs("worker");
        using var colleague = await Colleague();
        var person = await NewPerson(worker);
        var grant = await (await colleague.PostJson($"/api/v1/people/{person.Id}/break-glass", new { reason = Reason })).Read<GrantView>();

        await app.WithDb(db => db.ExecuteAsync("UPDATE cases_access_grant SET expires_at = @At WHERE id = @Id", new { At = DateTimeOffset.UtcNow.AddMinutes(-1), grant.Id }));

        var seen = await (await colleague.GetAsync($"/api/v1/people/{person.Id}")).Read<PersonView>();
        Assert.False(seen.MaySeeSensitive);
        Assert.Null(seen.RiskNote);
    }

    [Fact]
    public async Task Merging_moves_visits_and_consents_to_the_survivor_and_hides_the_duplicate_from_search()
    {
        using var worker = await app.ApiAs("worker");
        using var coordinator = await app.ApiAs("coordinator");
        var unique = "Zm" + Guid.NewGuid().ToString("N")[..6];
        var survivor = await NewPerson(worker, given: "Survivor" + unique);
        var duplicate = await NewPerson(worker, given: "Duplicate" + unique);
        var visit = await (await worker.PostJson($"/api/v1/people/{duplicate.Id}/visits", new
        {
            id = Guid.CreateVersion7(), villageId = await app.RegionId("Kotri"), visitedOn = DateOnly.FromDateTime(DateTime.UtcNow), purpose = "check-in",
        })).Read<VisitView>(HttpStatusCode.Created);

        var merged = await (await coordinator.PostJson($"/api/v1/people/{survivor.Id}/merge", new
        {
            duplicateId = duplicate.Id, version = survivor.Version, duplicateVersion = duplicate.Version,
        })).Read<PersonView>();

        Assert.Equal(survivor.Version + 1, merged.Version);
        var visits = await (await worker.GetAsync($"/api/v1/people/{survivor.Id}/visits")).Read<List<VisitView>>();
        Assert.Contains(visits, v => v.Id == visit.Id);
        Assert.Equal(2, await app.WithDb(db => db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM cases_consent WHERE person_id = @Id", new { survivor.Id })));
        Assert.Equal("merged", (await (await coordinator.GetAsync($"/api/v1/people/{duplicate.Id}")).Read<PersonView>()).Status);
        var found = await (await worker.GetAsync($"/api/v1/people?text={unique}")).Read<PersonPage>();
        Assert.Equal(survivor.Id, Assert.Single(found.Items).Id);
        Assert.Equal(1, await app.WithDb(db => db.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM shared_audit_log WHERE entity_id = @Id AND action = 'MergePeople' AND outcome = 'allowed'", new { duplicate.Id })));
    }

    [Fact]
    public async Task A_stale_merge_is_a_conflict_and_a_worker_may_not_merge()
    {
        using var worker = await app.ApiAs("worker");
        using var coordinator = await app.ApiAs("coordinator");
        var survivor = await NewPerson(worker);
        var duplicate = await NewPerson(worker);
        await (await worker.PostJson($"/api/v1/people/{duplicate.Id}/close", new { version = duplicate.Version })).Read<PersonView>();
        await (await worker.PostJson($"/api/v1/people/{duplicate.Id}/reopen", new { version = duplicate.Version + 1 })).Read<PersonView>();

        await (await worker.PostJson($"/api/v1/people/{survivor.Id}/merge", new
        {
            duplicateId = duplicate.Id, version = survivor.Version, duplicateVersion = duplicate.Version + 2,
        })).Problem(HttpStatusCode.Forbidden);
        await (await coordinator.PostJson($"/api/v1/people/{survivor.Id}/merge", new
        {
            duplicateId = duplicate.Id, version = survivor.Version, duplicateVersion = duplicate.Version,
        })).Problem(HttpStatusCode.Conflict);

        var stored = await (await coordinator.GetAsync($"/api/v1/people/{survivor.Id}")).Read<PersonView>();
        Assert.Equal(survivor.Version, stored.Version);
        Assert.Equal("open", (await (await coordinator.GetAsync($"/api/v1/people/{duplicate.Id}")).Read<PersonView>()).Status);
    }
}

[Collection(HostTests.Name)]
public sealed class SqliteBreakGlassTests(SqliteApp app) : BreakGlassTests(app);

[Collection(HostTests.Name)]
public sealed class PostgresBreakGlassTests(PostgresApp app) : BreakGlassTests(app);

[Collection(HostTests.Name)]
public sealed class SqlServerBreakGlassTests(SqlServerApp app) : BreakGlassTests(app);
