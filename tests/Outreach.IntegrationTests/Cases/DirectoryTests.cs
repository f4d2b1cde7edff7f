using System.Net;
using Outreach.IntegrationTests.Infrastructure;

namespace Outreach.IntegrationTests.Cases;

/// <summary>The service directory: who may add, see and change services, and which need checking again.</summary>
public abstract class DirectoryTests(IOutreachApp app)
{
    private sealed record ServiceView(Guid Id, string Name, string Category, Guid RegionId, string? Languages, string Contact, string? Hours,
        string Mode, DateOnly LastVerifiedOn, int Version);

    private sealed record ServicePage(List<ServiceView> Items, int Total);

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private async Task<object> NewService(string region, string name, string category = "support-group", Guid? id = null) => new
    {
        id = id ?? Guid.CreateVersion7(),
        name,
        category,
        regionId = await app.RegionId(region),
        languages = "hi, en",
        contact = "+91 94250 00000",
        hours = "Tue 10-13",
        mode = "in-person",
    };

    private static string Unique(string prefix) => prefix + " " + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task A_worker_adds_corrects_and_verifies_a_service_and_a_replay_changes_nothing()
    {
        using var worker = await app.ApiAs("worker");
        var body = await NewService("Sehore", Unique("Ashta peer group"));
        var added = await (await worker.PostJson("/api/v1/services", body)).Read<ServiceView>(HttpStatusCode.Created);
        var replay = await (await worker.PostJson("/api/v1/services", body)).Read<ServiceView>(HttpStatusCode.Created);
        Assert.Equal(added.Version, replay.Version);
        Assert.Equal(Today, added.LastVerifiedOn);
        Assert.Equal(1, await app.WithDb(db => db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM cases_service WHERE id = @Id", new { added.Id })));

        var different = await NewService("Sehore", "Another name", id: added.Id);
        await (await worker.PostJson("/api/v1/services", different)).Problem(HttpStatusCode.Conflict);

        var update = new { name = added.Name, category = "counsellor", languages = "hi", contact = "+91 94250 11111", hours = (string?)null, mode = "both", version = added.Version };
        var updated = await (await worker.PutJson($"/api/v1/services/{added.Id}", update)).Read<ServiceView>();
        Assert.Equal("counsellor", updated.Category);
        Assert.Equal("both", updated.Mode);
        Assert.Null(updated.Hours);
        await (await worker.PutJson($"/api/v1/services/{added.Id}", update)).Problem(HttpStatusCode.Conflict);

        await app.WithDb(db => db.ExecuteAsync("UPDATE cases_service SET last_verified_on = @On WHERE id = @Id", new { On = Today.AddDays(-30), added.Id }));
        var verified = await (await worker.PostJson($"/api/v1/services/{added.Id}/verify", new { })).Read<ServiceView>();
        Assert.Equal(Today, verified.LastVerifiedOn);
        Assert.Equal(Today, (await (await worker.GetAsync($"/api/v1/services/{added.Id}")).Read<ServiceView>()).LastVerifiedOn);
    }

    [Fact]
    public async Task Bad_services_are_refused_with_field_errors_or_as_unprocessable()
    {
        using var worker = await app.ApiAs("worker");
        var before = await app.Count("cases_service");
        var problem = await (await worker.PostJson("/api/v1/services", new
        {
            id = Guid.CreateVersion7(), name = "", category = "temple", regionId = await app.RegionId("Sehore"), contact = "", mode = "telepathy",
        })).Problem(HttpStatusCode.BadRequest);
        foreach (var field in new[] { "name", "category", "contact", "mode" })
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}");
        }
        await (await worker.PostJson("/api/v1/services", await NewService("Kotri", Unique("Village group")))).Problem(HttpStatusCode.UnprocessableEntity);
        await (await worker.PostJson("/api/v1/services", await NewService("Vidisha", Unique("Elsewhere")))).Problem(HttpStatusCode.NotFound);
        Assert.Equal(before, await app.Count("cases_service"));
    }

    [Fact]
    public async Task Workers_see_services_in_their_regions_and_at_their_ancestors_but_change_only_their_own()
    {
        using var worker = await app.ApiAs("worker");
        using var vidisha = await app.ApiAs("worker.vidisha");
        using var coordinator = await app.ApiAs("coordinator");
        var tag = Guid.NewGuid().ToString("N")[..8];
        var local = await (await worker.PostJson("/api/v1/services", await NewService("Ashta", $"Ashta clinic {tag}", "clinic"))).Read<ServiceView>(HttpStatusCode.Created);
        var helpline = await (await coordinator.PostJson("/api/v1/services", await NewService("Madhya Pradesh", $"State helpline {tag}", "helpline")))
            .Read<ServiceView>(HttpStatusCode.Created);

        var seen = await (await worker.GetAsync($"/api/v1/services?text={tag}")).Read<ServicePage>();
        Assert.Equal(new[] { helpline.Id, local.Id }.Order(), seen.Items.Select(s => s.Id).Order());
        Assert.Equal(2, seen.Total);
        var helplines = await (await worker.GetAsync($"/api/v1/services?text={tag}&category=helpline")).Read<ServicePage>();
        Assert.Equal(helpline.Id, Assert.Single(helplines.Items).Id);
        var inKotri = await (await worker.GetAsync($"/api/v1/services?text={tag}&regionId={await app.RegionId("Kotri")}")).Read<ServicePage>();
        Assert.Equal(2, inKotri.Total);

        var elsewhere = await (await vidisha.GetAsync($"/api/v1/services?text={tag}")).Read<ServicePage>();
        Assert.Equal(helpline.Id, Assert.Single(elsewhere.Items).Id);
        await (await vidisha.GetAsync($"/api/v1/services/{local.Id}")).Problem(HttpStatusCode.NotFound);
        await (await vidisha.PostJson($"/api/v1/services/{local.Id}/verify", new { })).Problem(HttpStatusCode.NotFound);

        await (await worker.GetAsync($"/api/v1/services/{helpline.Id}")).Read<ServiceView>();
        await (await worker.PostJson($"/api/v1/services/{helpline.Id}/verify", new { })).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Services_not_verified_for_longer_than_the_setting_are_listed_for_coordinators()
    {
        using var worker = await app.ApiAs("worker");
        using var coordinator = await app.ApiAs("coordinator");
        var stale = await (await worker.PostJson("/api/v1/services", await NewService("Sehore", Unique("Stale group")))).Read<ServiceView>(HttpStatusCode.Created);
        var fresh = await (await worker.PostJson("/api/v1/services", await NewService("Sehore", Unique("Fresh group")))).Read<ServiceView>(HttpStatusCode.Created);
        var borderline = await (await worker.PostJson("/api/v1/services", await NewService("Sehore", Unique("Borderline group")))).Read<ServiceView>(HttpStatusCode.Created);
        await app.WithDb(db => db.ExecuteAsync("UPDATE cases_service SET last_verified_on = @On WHERE id = @Id", new { On = Today.AddDays(-181), stale.Id }));
        await app.WithDb(db => db.ExecuteAsync("UPDATE cases_service SET last_verified_on = @On WHERE id = @Id", new { On = Today.AddDays(-180), borderline.Id }));

        var listed = await (await coordinator.GetAsync("/api/v1/services/stale?pageSize=200")).Read<ServicePage>();
        Assert.Contains(listed.Items, s => s.Id == stale.Id);
        Assert.DoesNotContain(listed.Items, s => s.Id == fresh.Id || s.Id == borderline.Id);
        await (await worker.GetAsync("/api/v1/services/stale")).Problem(HttpStatusCode.Forbidden);

        await (await worker.PostJson($"/api/v1/services/{stale.Id}/verify", new { })).Read<ServiceView>();
        Assert.DoesNotContain((await (await coordinator.GetAsync("/api/v1/services/stale?pageSize=200")).Read<ServicePage>()).Items, s => s.Id == stale.Id);
    }
}

[Collection(HostTests.Name)]
public sealed class SqliteDirectoryTests(SqliteApp app) : DirectoryTests(app);

[Collection(HostTests.Name)]
public sealed class PostgresDirectoryTests(PostgresApp app) : DirectoryTests(app);

[Collection(HostTests.Name)]
public sealed class SqlServerDirectoryTests(SqlServerApp app) : DirectoryTests(app);
