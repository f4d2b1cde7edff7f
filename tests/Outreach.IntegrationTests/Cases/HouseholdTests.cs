using System.Net;
using Outreach.IntegrationTests.Infrastructure;

namespace Outreach.IntegrationTests.Cases;

/// <summary>Households: recording them, who is in them and how they are related, scope and concurrency, on each real database.</summary>
public abstract class HouseholdTests(IOutreachApp app)
{
    private sealed record IdView(Guid Id, int Version);

    private sealed record MemberView(Guid PersonId, string Reference, string DisplayName, string Relationship, string Status);

    private sealed record HouseholdView(Guid Id, string Label, Guid VillageId, int Version, List<MemberView> Members);

    private async Task<Guid> NewPerson(HttpClient worker, string given, string village = "Kotri") =>
        (await (await worker.PostJson("/api/v1/people", new
        {
            id = Guid.CreateVersion7(), villageId = await app.RegionId(village), givenName = given, familyName = "Bai",
            consentedPurposes = new[] { "CaseWork" }, consentMethod = "Verbal",
        })).Read<IdView>(HttpStatusCode.Created)).Id;

    private async Task<object> NewHousehold(string label = "Bai family, near the well", Guid? id = null) =>
        new { id = id ?? Guid.CreateVersion7(), villageId = await app.RegionId("Kotri"), label };

    [Fact]
    public async Task A_worker_records_a_household_and_replaying_it_changes_nothing_while_a_different_body_conflicts()
    {
        using var worker = await app.ApiAs("worker");
        var body = await NewHousehold();
        var first = await (await worker.PostJson("/api/v1/households", body)).Read<HouseholdView>(HttpStatusCode.Created);
        var replay = await (await worker.PostJson("/api/v1/households", body)).Read<HouseholdView>(HttpStatusCode.Created);
        Assert.Equal(first, replay with { Members = first.Members });
        Assert.Equal("Bai family, near the well", first.Label);
        Assert.Equal(1, await app.WithDb(db => db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM cases_household WHERE id = @Id", new { first.Id })));

        var problem = await (await worker.PostJson("/api/v1/households", await NewHousehold("Another family", first.Id))).Problem(HttpStatusCode.Conflict);
        Assert.Equal("Bai family, near the well", problem.GetProperty("existing").GetProperty("label").GetString());
        Assert.Equal("Another family", problem.GetProperty("submitted").GetProperty("label").GetString());
    }

    private Task<long> Households(Guid id) => app.WithDb(db => db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM cases_household WHERE id = @Id", new { Id = id }));

    [Fact]
    public async Task A_household_starts_with_its_first_member_in_one_request_and_replaying_it_changes_nothing()
    {
        using var worker = await app.ApiAs("worker");
        var head = await NewPerson(worker, "Kamla");
        var body = new { id = Guid.CreateVersion7(), villageId = await app.RegionId("Kotri"), label = "Kamla's family", firstMember = new { personId = head, relationship = "head" } };

        var created = await (await worker.PostJson("/api/v1/households", body)).Read<HouseholdView>(HttpStatusCode.Created);
        var replay = await (await worker.PostJson("/api/v1/households", body)).Read<HouseholdView>(HttpStatusCode.Created);

        Assert.Equal((head, "head"), (Assert.Single(created.Members).PersonId, created.Members[0].Relationship));
        Assert.Equal(created.Members, replay.Members);
        Assert.Equal(created.Id, await app.WithDb(db => db.ExecuteScalarAsync<Guid>("SELECT household_id FROM cases_person WHERE id = @Id", new { Id = head })));
    }

    [Fact]
    public async Task When_the_first_member_cannot_join_no_household_is_left_behind()
    {
        using var worker = await app.ApiAs("worker");
        var kotri = await app.RegionId("Kotri");
        var taken = await NewPerson(worker, "Sunita");
        var elsewhere = await NewPerson(worker, "Geeta", "Jawar");
        var existing = await (await worker.PostJson("/api/v1/households", await NewHousehold())).Read<HouseholdView>(HttpStatusCode.Created);
        await (await worker.PutJson($"/api/v1/households/{existing.Id}/members/{taken}", new { relationship = "spouse" })).Read<HouseholdView>();
        var attempts = new[]
        {
            (Guid.CreateVersion7(), taken, "head", HttpStatusCode.Conflict),
            (Guid.CreateVersion7(), elsewhere, "head", HttpStatusCode.UnprocessableEntity),
            (Guid.CreateVersion7(), Guid.CreateVersion7(), "head", HttpStatusCode.NotFound),
            (Guid.CreateVersion7(), taken, "aunt", HttpStatusCode.BadRequest),
        };

        foreach (var (id, person, relationship, status) in attempts)
        {
            var body = new { id, villageId = kotri, label = "Orphan family", firstMember = new { personId = person, relationship } };
            await (await worker.PostJson("/api/v1/households", body)).Problem(status);
            Assert.Equal(0, await Households(id));
        }
        Assert.Equal(existing.Id, await app.WithDb(db => db.ExecuteScalarAsync<Guid>("SELECT household_id FROM cases_person WHERE id = @Id", new { Id = taken })));
    }

    [Fact]
    public async Task Starting_a_household_on_a_person_page_is_one_step_that_leaves_nothing_when_it_fails()
    {
        using var api = await app.ApiAs("worker");
        using var page = await Ui.SignInAsync(app, "worker");
        var person = await NewPerson(api, "Meena");
        var other = await (await api.PostJson("/api/v1/households", await NewHousehold("Meena's parents"))).Read<HouseholdView>(HttpStatusCode.Created);
        var label = $"Meena's own family {Guid.NewGuid():N}"[..40];
        Task<long> Labelled() => app.WithDb(db => db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM cases_household WHERE label = @Label", new { Label = label }));

        await (await api.PutJson($"/api/v1/households/{other.Id}/members/{person}", new { relationship = "child" })).Read<HouseholdView>();
        var refused = await Ui.PostFormAsync(page, $"/People/{person}?handler=StartHousehold", new() { ["label"] = label, ["relationship"] = "head" });
        var refusedText = await refused.Content.ReadAsStringAsync();
        var countAfterRefusal = await Labelled();
        await (await api.DeleteAsync($"/api/v1/households/{other.Id}/members/{person}")).Read<HouseholdView>();
        var started = await Ui.PostFormAsync(page, $"/People/{person}?handler=StartHousehold", new() { ["label"] = label, ["relationship"] = "head" });

        Assert.Contains("another household", refusedText, StringComparison.Ordinal);
        Assert.Equal(0, countAfterRefusal);
        Assert.True(started.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"{(int)started.StatusCode}");
        Assert.Equal(1, await Labelled());
        var householdId = await app.WithDb(db => db.ExecuteScalarAsync<Guid>("SELECT household_id FROM cases_person WHERE id = @Id", new { Id = person }));
        Assert.Equal(householdId, await app.WithDb(db => db.ExecuteScalarAsync<Guid>("SELECT id FROM cases_household WHERE label = @Label", new { Label = label })));
    }

    [Fact]
    public async Task Members_are_added_with_their_relationship_listed_head_first_and_removed()
    {
        using var worker = await app.ApiAs("worker");
        var household = await (await worker.PostJson("/api/v1/households", await NewHousehold())).Read<HouseholdView>(HttpStatusCode.Created);
        var child = await NewPerson(worker, "Pooja");
        var head = await NewPerson(worker, "Kamla");
        await (await worker.PutJson($"/api/v1/households/{household.Id}/members/{child}", new { relationship = "child" })).Read<HouseholdView>();
        var added = await (await worker.PutJson($"/api/v1/households/{household.Id}/members/{head}", new { relationship = "head" })).Read<HouseholdView>();
        var again = await (await worker.PutJson($"/api/v1/households/{household.Id}/members/{head}", new { relationship = "head" })).Read<HouseholdView>();

        Assert.Equal([("Kamla Bai", "head"), ("Pooja Bai", "child")], added.Members.Select(m => (m.DisplayName, m.Relationship)).ToArray());
        Assert.Equal(added, again with { Members = added.Members });
        var members = await (await worker.GetAsync($"/api/v1/households/{household.Id}/members")).Read<List<MemberView>>();
        Assert.Equal(2, members.Count);
        Assert.Equal(household.Id, await app.WithDb(db => db.ExecuteScalarAsync<Guid>("SELECT household_id FROM cases_person WHERE id = @Id", new { Id = head })));

        var secondHead = await NewPerson(worker, "Radha");
        var twoHeads = await (await worker.PutJson($"/api/v1/households/{household.Id}/members/{secondHead}", new { relationship = "head" })).Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("Kamla Bai", twoHeads.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await (await worker.PutJson($"/api/v1/households/{household.Id}/members/{secondHead}", new { relationship = "aunt" })).Problem(HttpStatusCode.BadRequest);

        var removed = await (await worker.DeleteAsync($"/api/v1/households/{household.Id}/members/{child}")).Read<HouseholdView>();
        Assert.Equal(head, Assert.Single(removed.Members).PersonId);
        await (await worker.DeleteAsync($"/api/v1/households/{household.Id}/members/{child}")).Read<HouseholdView>();
        var reads = await app.WithDb(db => db.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM shared_audit_log WHERE entity_id = @Id AND action = 'GetHousehold' AND outcome = 'allowed'", new { household.Id }));
        Assert.Equal(1, reads);
    }

    [Fact]
    public async Task A_person_belongs_to_one_household_in_its_village()
    {
        using var worker = await app.ApiAs("worker");
        var first = await (await worker.PostJson("/api/v1/households", await NewHousehold())).Read<HouseholdView>(HttpStatusCode.Created);
        var second = await (await worker.PostJson("/api/v1/households", await NewHousehold("Second family"))).Read<HouseholdView>(HttpStatusCode.Created);
        var person = await NewPerson(worker, "Sunita");
        await (await worker.PutJson($"/api/v1/households/{first.Id}/members/{person}", new { relationship = "spouse" })).Read<HouseholdView>();
        await (await worker.PutJson($"/api/v1/households/{second.Id}/members/{person}", new { relationship = "spouse" })).Problem(HttpStatusCode.Conflict);

        var elsewhere = await NewPerson(worker, "Meena", village: "Jawar");
        await (await worker.PutJson($"/api/v1/households/{first.Id}/members/{elsewhere}", new { relationship = "other" })).Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(first.Id, await app.WithDb(db => db.ExecuteScalarAsync<Guid>("SELECT household_id FROM cases_person WHERE id = @Id", new { Id = person })));
    }

    [Fact]
    public async Task Two_renames_from_the_same_version_give_one_success_and_one_conflict()
    {
        using var worker = await app.ApiAs("worker");
        using var coordinator = await app.ApiAs("coordinator");
        var household = await (await worker.PostJson("/api/v1/households", await NewHousehold())).Read<HouseholdView>(HttpStatusCode.Created);
        var renamed = await (await worker.PutJson($"/api/v1/households/{household.Id}", new { label = "Bai family", version = household.Version })).Read<HouseholdView>();
        await (await coordinator.PutJson($"/api/v1/households/{household.Id}", new { label = "Devi family", version = household.Version })).Problem(HttpStatusCode.Conflict);
        Assert.Equal(household.Version + 1, renamed.Version);
        Assert.Equal("Bai family", (await (await coordinator.GetAsync($"/api/v1/households/{household.Id}")).Read<HouseholdView>()).Label);
    }

    [Fact]
    public async Task A_worker_in_another_district_can_neither_see_nor_change_the_household()
    {
        using var worker = await app.ApiAs("worker");
        using var vidisha = await app.ApiAs("worker.vidisha");
        using var manager = await app.ApiAs("manager");
        var household = await (await worker.PostJson("/api/v1/households", await NewHousehold())).Read<HouseholdView>(HttpStatusCode.Created);
        var person = await NewPerson(worker, "Lakshmi");
        await (await worker.PutJson($"/api/v1/households/{household.Id}/members/{person}", new { relationship = "head" })).Read<HouseholdView>();

        await (await vidisha.PostJson("/api/v1/households", new { id = Guid.CreateVersion7(), villageId = await app.RegionId("Kotri"), label = "x" })).Problem(HttpStatusCode.NotFound);
        await (await vidisha.GetAsync($"/api/v1/households/{household.Id}")).Problem(HttpStatusCode.NotFound);
        await (await vidisha.GetAsync($"/api/v1/households/{household.Id}/members")).Problem(HttpStatusCode.NotFound);
        await (await vidisha.PutJson($"/api/v1/households/{household.Id}", new { label = "Changed", version = household.Version })).Problem(HttpStatusCode.NotFound);
        await (await vidisha.PutJson($"/api/v1/households/{household.Id}/members/{person}", new { relationship = "head" })).Problem(HttpStatusCode.NotFound);
        await (await vidisha.DeleteAsync($"/api/v1/households/{household.Id}/members/{person}")).Problem(HttpStatusCode.NotFound);
        await (await manager.GetAsync($"/api/v1/households/{household.Id}")).Problem(HttpStatusCode.Forbidden);

        var stored = await (await worker.GetAsync($"/api/v1/households/{household.Id}")).Read<HouseholdView>();
        Assert.Equal("Bai family, near the well", stored.Label);
        Assert.Single(stored.Members);
        var denials = await app.WithDb(db => db.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM shared_audit_log WHERE entity_id = @Id AND outcome = 'denied'", new { household.Id }));
        Assert.Equal(6, denials);
    }
}

[Collection(HostTests.Name)]
public sealed class SqliteHouseholdTests(SqliteApp app) : HouseholdTests(app);

[Collection(HostTests.Name)]
public sealed class PostgresHouseholdTests(PostgresApp app) : HouseholdTests(app);

[Collection(HostTests.Name)]
public sealed class SqlServerHouseholdTests(SqlServerApp app) : HouseholdTests(app);
