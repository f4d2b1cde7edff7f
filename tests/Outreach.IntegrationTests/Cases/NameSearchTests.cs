using System.Net;
using Outreach.Cases.People;
using Outreach.IntegrationTests.Infrastructure;
using Outreach.Shared.Security;

namespace Outreach.IntegrationTests.Cases;

/// <summary>People are found by name however it is spelt, in English or in Devanagari, on each real database.</summary>
public abstract class NameSearchTests(IOutreachApp app)
{
    private sealed record IdView(Guid Id, int Version);

    private sealed record PersonItem(Guid Id, string? GivenName, string? FamilyName);

    private sealed record PersonPage(List<PersonItem> Items, int Total);

    private async Task<Guid> Record(HttpClient worker, string given, string family, string village = "Kotri") =>
        (await (await worker.PostJson("/api/v1/people", new
        {
            id = Guid.CreateVersion7(), villageId = await app.RegionId(village), givenName = given, familyName = family,
            consentedPurposes = new[] { "CaseWork" }, consentMethod = "Verbal",
        })).Read<IdView>(HttpStatusCode.Created)).Id;

    private static async Task<List<Guid>> Search(HttpClient client, string text) =>
        [.. (await (await client.GetAsync($"/api/v1/people?pageSize=200&text={Uri.EscapeDataString(text)}")).Read<PersonPage>()).Items.Select(p => p.Id)];

    [Fact]
    public async Task Sunita_is_found_as_Suneeta_Sunitha_and_in_Devanagari()
    {
        using var worker = await app.ApiAs("worker");
        var family = "Ahirwar" + Guid.NewGuid().ToString("N")[..4];
        var sunita = await Record(worker, "Sunita", family);
        var sanjay = await Record(worker, "Sanjay", family);

        foreach (var spelling in new[] { "Suneeta", "Sunitha", "सुनीता", "sunita", "Sunee" })
        {
            var found = await Search(worker, spelling + " " + family);
            Assert.True(found.Contains(sunita), $"'{spelling}' did not find Sunita");
            Assert.DoesNotContain(sanjay, found);
        }
    }

    [Fact]
    public async Task Mohammad_is_found_by_every_common_spelling_and_by_family_name_alone()
    {
        using var worker = await app.ApiAs("worker");
        var family = "Qureshi" + Guid.NewGuid().ToString("N")[..4];
        var mohammad = await Record(worker, "Mohammad", family);
        foreach (var spelling in new[] { "Mohammed", "Muhammad", "मोहम्मद" })
        {
            Assert.Contains(mohammad, await Search(worker, spelling));
        }
        Assert.Contains(mohammad, await Search(worker, family.Replace("Qureshi", "Kureshi", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_renamed_person_is_found_by_the_new_name_and_only_inside_the_callers_regions()
    {
        using var worker = await app.ApiAs("worker");
        using var vidisha = await app.ApiAs("worker.vidisha");
        var family = "Meena" + Guid.NewGuid().ToString("N")[..4];
        var id = await Record(worker, "Pooja", family);
        await (await worker.PutJson($"/api/v1/people/{id}", new { givenName = "Lakshmi", familyName = family, version = 1 })).Read<IdView>();
        Assert.Contains(id, await Search(worker, "Laxmi " + family));
        Assert.DoesNotContain(id, await Search(worker, "Puja " + family));
        Assert.DoesNotContain(id, await Search(vidisha, "Laxmi " + family));
    }

    [Fact]
    public async Task People_recorded_before_search_keys_existed_get_theirs_at_start_up()
    {
        using var worker = await app.ApiAs("worker");
        var family = "Bai" + Guid.NewGuid().ToString("N")[..4];
        var id = await Record(worker, "Kamla", family);
        await app.WithDb(db => db.ExecuteAsync("UPDATE cases_person SET search_key = NULL WHERE id = @Id", new { Id = id }));
        Assert.DoesNotContain(id, await Search(worker, "कमला"));

        Assert.True(await app.SendAs(new SystemUser(), new RefreshPersonSearchKeys()) >= 1);
        Assert.Contains(id, await Search(worker, "कमला"));
        Assert.Equal(0, await app.SendAs(new SystemUser(), new RefreshPersonSearchKeys()));
    }
}

[Collection(HostTests.Name)]
public sealed class SqliteNameSearchTests(SqliteApp app) : NameSearchTests(app);

[Collection(HostTests.Name)]
public sealed class PostgresNameSearchTests(PostgresApp app) : NameSearchTests(app);

[Collection(HostTests.Name)]
public sealed class SqlServerNameSearchTests(SqlServerApp app) : NameSearchTests(app);
