using System.Net;
using System.Text.Json;
using Outreach.Cases.Contracts;
using Outreach.IntegrationTests.Infrastructure;
using Outreach.IntegrationTests.Organization;

namespace Outreach.IntegrationTests.Cases;

/// <summary>People, consent and need-to-know access, through the API, on each real database.</summary>
public abstract class PeopleTests(IOutreachApp app)
{
    private sealed record ConsentView(ConsentPurpose Purpose, bool Granted, bool InForce);

    private sealed record PersonView(
        Guid Id, string Reference, string DisplayName, bool IsPseudonymous, bool HasRiskNote, string? RiskNote, bool MaySeeSensitive,
        string Status, int Version, List<ConsentView> Consents);

    private sealed record PersonPage(List<PersonView> Items, int Total);

    private async Task<object> NewPerson(string village, string? given = "Lakshmi", string? riskNote = null, Guid? id = null) => new
    {
        id = id ?? Guid.CreateVersion7(),
        villageId = await app.RegionId(village),
        givenName = given,
        familyName = given is null ? null : "Bai",
        sex = "female",
        birthYear = 1988,
        phone = "+91 98765 43210",
        riskNote,
        consentedPurposes = new[] { "CaseWork", "ReferralSharing" },
        consentMethod = "Verbal",
    };

    [Fact]
    public async Task A_worker_records_a_person_and_replaying_the_same_record_changes_nothing()
    {
        using var worker = await app.ApiAs("worker");
        var body = await NewPerson("Kotri");
        var first = await (await worker.PostJson("/api/v1/people", body)).Read<PersonView>(HttpStatusCode.Created);
        var replay = await (await worker.PostJson("/api/v1/people", body)).Read<PersonView>(HttpStatusCode.Created);

        Assert.Equal(first.Id, replay.Id);
        Assert.Equal(first.Version, replay.Version);
        Assert.StartsWith("P-", first.Reference, StringComparison.Ordinal);
        Assert.Equal("Lakshmi Bai", first.DisplayName);
        Assert.Contains(first.Consents, c => c.Purpose == ConsentPurpose.CaseWork && c.InForce);
        Assert.Equal(1, await app.WithDb(db => db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM cases_person WHERE id = @Id", new { first.Id })));
    }

    [Fact]
    public async Task The_same_id_with_a_different_body_is_a_conflict_showing_both_versions()
    {
        using var worker = await app.ApiAs("worker");
        var id = Guid.CreateVersion7();
        await (await worker.PostJson("/api/v1/people", await NewPerson("Kotri", "Radha", id: id))).Read<PersonView>(HttpStatusCode.Created);

        var problem = await (await worker.PostJson("/api/v1/people", await NewPerson("Kotri", "Rekha", id: id))).Problem(HttpStatusCode.Conflict);
        Assert.Equal("Radha", problem.GetProperty("existing").GetProperty("givenName").GetString());
        Assert.Equal("Rekha", problem.GetProperty("submitted").GetProperty("givenName").GetString());
    }

    [Fact]
    public async Task A_person_without_a_name_is_known_by_their_reference()
    {
        using var worker = await app.ApiAs("worker");
        var person = await (await worker.PostJson("/api/v1/people", await NewPerson("Jawar", given: null))).Read<PersonView>(HttpStatusCode.Created);
        Assert.True(person.IsPseudonymous);
        Assert.Equal(person.Reference, person.DisplayName);
    }

    [Fact]
    public async Task Without_consent_to_case_work_nobody_is_recorded()
    {
        using var worker = await app.ApiAs("worker");
        var before = await app.Count("cases_person");
        var problem = await (await worker.PostJson("/api/v1/people", new
        {
            id = Guid.CreateVersion7(), villageId = await app.RegionId("Kotri"), givenName = "No", consentedPurposes = new[] { "SmsContact" }, consentMethod = "Verbal",
        })).Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("consent", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await app.Count("cases_person"));
    }

    [Fact]
    public async Task A_worker_cannot_record_or_read_people_outside_their_regions()
    {
        using var sehore = await app.ApiAs("worker");
        using var vidisha = await app.ApiAs("worker.vidisha");
        await (await sehore.PostJson("/api/v1/people", await NewPerson("Pathari"))).Problem(HttpStatusCode.NotFound);

        var person = await (await sehore.PostJson("/api/v1/people", await NewPerson("Kotri"))).Read<PersonView>(HttpStatusCode.Created);
        await (await vidisha.GetAsync($"/api/v1/people/{person.Id}")).Problem(HttpStatusCode.NotFound);
        await (await vidisha.PutJson($"/api/v1/people/{person.Id}", new { givenName = "Changed", version = person.Version })).Problem(HttpStatusCode.NotFound);
        await (await vidisha.PostJson($"/api/v1/people/{person.Id}/consents", new { purpose = "CaseWork", granted = false, method = "Verbal" })).Problem(HttpStatusCode.NotFound);

        var listed = await (await vidisha.GetAsync("/api/v1/people?pageSize=200")).Read<PersonPage>();
        Assert.DoesNotContain(listed.Items, p => p.Id == person.Id);
        var denials = await app.WithDb(db => db.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM shared_audit_log WHERE entity_id = @Id AND outcome = 'denied'", new { person.Id }));
        Assert.Equal(3, denials);
    }

    [Fact]
    public async Task The_risk_note_is_for_the_persons_worker_and_coordinators_only()
    {
        using var worker = await app.ApiAs("worker");
        var person = await (await worker.PostJson("/api/v1/people", await NewPerson("Kotri", riskNote: "Spoke of self-harm last month"))).Read<PersonView>(HttpStatusCode.Created);
        Assert.Equal("Spoke of self-harm last month", person.RiskNote);

        using var coordinator = await app.ApiAs("coordinator");
        Assert.Equal("Spoke of self-harm last month", (await (await coordinator.GetAsync($"/api/v1/people/{person.Id}")).Read<PersonView>()).RiskNote);

        var colleague = await Accounts.CreateAsync(app, "colleague");
        using var otherWorker = Accounts.Bearer(app, (await Accounts.IssueAsync(app, colleague.Username)).Token);
        var seenByColleague = await (await otherWorker.GetAsync($"/api/v1/people/{person.Id}")).Read<PersonView>();
        Assert.False(seenByColleague.HasRiskNote);
        Assert.Null(seenByColleague.RiskNote);
        Assert.False(seenByColleague.MaySeeSensitive);

        using var manager = await app.ApiAs("manager");
        await (await manager.GetAsync($"/api/v1/people/{person.Id}")).Problem(HttpStatusCode.Forbidden);
        await (await manager.GetAsync("/api/v1/people")).Problem(HttpStatusCode.Forbidden);

        var reads = await app.WithDb(db => db.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM shared_audit_log WHERE entity_id = @Id AND action = 'GetPerson' AND outcome = 'allowed'", new { person.Id }));
        Assert.True(reads >= 3, $"only {reads} reads audited");
    }

    [Fact]
    public async Task Two_edits_from_the_same_version_give_one_success_and_one_conflict()
    {
        using var worker = await app.ApiAs("worker");
        using var coordinator = await app.ApiAs("coordinator");
        var person = await (await worker.PostJson("/api/v1/people", await NewPerson("Kotri"))).Read<PersonView>(HttpStatusCode.Created);

        var first = await worker.PutJson($"/api/v1/people/{person.Id}", new { givenName = "Lakshmi", familyName = "Devi", version = person.Version });
        var second = await coordinator.PutJson($"/api/v1/people/{person.Id}", new { givenName = "Laxmi", familyName = "Bai", version = person.Version });

        Assert.Equal("Lakshmi Devi", (await first.Read<PersonView>()).DisplayName);
        await second.Problem(HttpStatusCode.Conflict);
        var stored = await (await worker.GetAsync($"/api/v1/people/{person.Id}")).Read<PersonView>();
        Assert.Equal("Lakshmi Devi", stored.DisplayName);
    }

    [Fact]
    public async Task Withdrawing_consent_takes_effect_at_once()
    {
        using var worker = await app.ApiAs("worker");
        var person = await (await worker.PostJson("/api/v1/people", await NewPerson("Kotri"))).Read<PersonView>(HttpStatusCode.Created);
        var workerId = await app.UserId("worker");
        var asWorker = new TestCaller(workerId, "OutreachWorker");
        Assert.True(await app.SendAs(asWorker, new HasConsent(person.Id, ConsentPurpose.ReferralSharing)));

        var consents = await (await worker.PostJson($"/api/v1/people/{person.Id}/consents", new { purpose = "ReferralSharing", granted = false, method = "Written" }))
            .Read<List<ConsentView>>();
        Assert.Contains(consents, c => c.Purpose == ConsentPurpose.ReferralSharing && !c.InForce);
        Assert.False(await app.SendAs(asWorker, new HasConsent(person.Id, ConsentPurpose.ReferralSharing)));
        Assert.True(await app.SendAs(asWorker, new HasConsent(person.Id, ConsentPurpose.CaseWork)));
    }

    [Fact]
    public async Task Without_consent_to_case_work_in_force_no_edit_visit_or_follow_up_is_recorded()
    {
        using var worker = await app.ApiAs("worker");
        var person = await (await worker.PostJson("/api/v1/people", await NewPerson("Kotri"))).Read<PersonView>(HttpStatusCode.Created);
        await (await worker.PostJson($"/api/v1/people/{person.Id}/consents", new { purpose = "CaseWork", granted = false, method = "Verbal" })).Read<List<ConsentView>>();
        var visitsBefore = await app.Count("cases_visit");

        await (await worker.PutJson($"/api/v1/people/{person.Id}", new { givenName = "Changed", version = person.Version })).Problem(HttpStatusCode.UnprocessableEntity);
        await (await worker.PostJson($"/api/v1/people/{person.Id}/visits", new
        {
            id = Guid.CreateVersion7(), villageId = await app.RegionId("Kotri"), visitedOn = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd"), purpose = "check-in",
        })).Problem(HttpStatusCode.UnprocessableEntity);
        await (await worker.PostJson($"/api/v1/people/{person.Id}/follow-ups", new
        {
            id = Guid.CreateVersion7(), dueOn = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(7)).ToString("yyyy-MM-dd"), note = "check in",
        })).Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(visitsBefore, await app.Count("cases_visit"));
    }

    [Fact]
    public async Task Bad_person_input_gets_field_errors_and_stores_nothing()
    {
        using var worker = await app.ApiAs("worker");
        var before = await app.Count("cases_person");
        var problem = await (await worker.PostJson("/api/v1/people", new
        {
            id = Guid.CreateVersion7(), villageId = await app.RegionId("Kotri"), givenName = new string('a', 121), sex = "unknown-value",
            birthYear = 2999, phone = "call me", consentedPurposes = new[] { "CaseWork" }, consentMethod = "Verbal", consentExpiresOn = "2001-01-01",
        })).Problem(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "givenName", "sex", "birthYear", "phone", "consentExpiresOn" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
        }
        await (await worker.PostJson("/api/v1/people", await NewPerson("Sehore"))).Problem(HttpStatusCode.UnprocessableEntity);
        await (await worker.PostRaw("/api/v1/people", "{\"id\": \"not-a-guid\"}")).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(before, await app.Count("cases_person"));
    }

    [Fact]
    public async Task Search_finds_people_by_name_reference_and_phone_within_scope()
    {
        using var worker = await app.ApiAs("worker");
        var unique = "Zz" + Guid.NewGuid().ToString("N")[..6];
        var person = await (await worker.PostJson("/api/v1/people", await NewPerson("Nadan", given: unique))).Read<PersonView>(HttpStatusCode.Created);

        var byName = await (await worker.GetAsync($"/api/v1/people?text={unique.ToLowerInvariant()}")).Read<PersonPage>();
        Assert.Equal(person.Id, Assert.Single(byName.Items).Id);
        var byReference = await (await worker.GetAsync($"/api/v1/people?text={person.Reference}")).Read<PersonPage>();
        Assert.Contains(byReference.Items, p => p.Id == person.Id);
        var wildcard = await (await worker.GetAsync("/api/v1/people?text=%25")).Read<PersonPage>();
        Assert.Empty(wildcard.Items);

        using var vidisha = await app.ApiAs("worker.vidisha");
        Assert.Empty((await (await vidisha.GetAsync($"/api/v1/people?text={unique}")).Read<PersonPage>()).Items);
    }
}

[Collection(HostTests.Name)]
public sealed class SqlitePeopleTests(SqliteApp app) : PeopleTests(app);

[Collection(HostTests.Name)]
public sealed class PostgresPeopleTests(PostgresApp app) : PeopleTests(app);

[Collection(HostTests.Name)]
public sealed class SqlServerPeopleTests(SqlServerApp app) : PeopleTests(app);
