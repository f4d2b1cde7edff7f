using System.Net;
using Outreach.IntegrationTests.Infrastructure;

namespace Outreach.IntegrationTests.Organization;

/// <summary>Every kind of bad input gets a clear problem response and leaves what is stored exactly as it was.</summary>
public abstract class BadInputTests(IOutreachApp app)
{
    private sealed record RowState
    {
        public required Guid Id { get; init; }
        public required string Name { get; init; }
        public string? Detail { get; init; }
        public required int Version { get; init; }
    }

    private Task<string> Snapshot() => app.WithDb(async db =>
    {
        var regions = await db.QueryAsync<RowState>("SELECT id, name, local_name AS detail, version FROM org_region ORDER BY id");
        var users = await db.QueryAsync<RowState>("SELECT id, username AS name, role AS detail, version FROM org_user ORDER BY id");
        var assignments = await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM org_user_region");
        return string.Join("\n", regions.Concat(users)) + "\n" + assignments;
    });

    private async Task<System.Text.Json.JsonElement> Expect(HttpStatusCode status, Func<HttpClient, Task<HttpResponseMessage>> send, string user = "admin")
    {
        using var client = await app.ApiAs(user);
        var before = await Snapshot();
        var problem = await (await send(client)).Problem(status);
        Assert.Equal(before, await Snapshot());
        return problem;
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem()
    {
        var problem = await Expect(HttpStatusCode.BadRequest, c => c.PostRaw("/api/v1/regions", "{\"name\": \"Broken"));
        Assert.Contains("not valid JSON", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_is_a_400_problem()
    {
        await Expect(HttpStatusCode.BadRequest, c => c.PostRaw("/api/v1/regions", "{\"name\": 42, \"level\": \"Block\"}"));
        await Expect(HttpStatusCode.BadRequest, c => c.PostRaw("/api/v1/regions", "{\"name\": \"X\", \"level\": \"Galaxy\"}"));
        await Expect(HttpStatusCode.BadRequest, async c => await c.GetAsync("/api/v1/villages?page=abc"));
    }

    [Fact]
    public async Task Over_long_and_missing_fields_get_field_errors()
    {
        var sehore = await app.RegionId("Sehore");
        var problem = await Expect(HttpStatusCode.BadRequest, c => c.PostJson("/api/v1/regions", new { parentId = sehore, level = "Block", name = new string('x', 121) }));
        Assert.True(problem.GetProperty("errors").TryGetProperty("name", out _), problem.ToString());

        problem = await Expect(HttpStatusCode.BadRequest, c => c.PostJson("/api/v1/regions", new { parentId = sehore, level = "Block" }));
        Assert.True(problem.GetProperty("errors").TryGetProperty("name", out _), problem.ToString());

        problem = await Expect(HttpStatusCode.BadRequest, c => c.GetAsync("/api/v1/villages?search=" + new string('क', 121)));
        Assert.True(problem.GetProperty("errors").TryGetProperty("search", out _), problem.ToString());

        await Expect(HttpStatusCode.BadRequest, c => c.GetAsync("/api/v1/villages?pageSize=0"));
    }

    [Fact]
    public async Task Unknown_and_other_regions_ids_are_404s()
    {
        await Expect(HttpStatusCode.NotFound, c => c.GetAsync($"/api/v1/regions/{Guid.CreateVersion7()}"));
        var vidisha = await app.RegionId("Vidisha");
        await Expect(HttpStatusCode.NotFound, c => c.GetAsync($"/api/v1/regions/{vidisha}"), user: "worker");
        await Expect(HttpStatusCode.NotFound, c => c.PostJson("/api/v1/regions", new { parentId = Guid.CreateVersion7(), level = "Block", name = "Nowhere" }));
        await Expect(HttpStatusCode.NotFound, c => c.GetAsync("/api/v1/regions/not-a-guid"));
    }

    [Fact]
    public async Task Duplicate_names_are_409_conflicts()
    {
        var sehore = await app.RegionId("Sehore");
        var problem = await Expect(HttpStatusCode.Conflict, c => c.PostJson("/api/v1/regions", new { parentId = sehore, level = "Block", name = "Ashta" }));
        Assert.Contains("Ashta", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var mp = await app.RegionId("Madhya Pradesh");
        await Expect(HttpStatusCode.Conflict, c => c.PostJson("/api/v1/users", new
        {
            username = "WORKER", displayName = "Someone Else", role = "OutreachWorker", password = "long-enough-password", regionIds = new[] { mp },
        }));
    }

    [Fact]
    public async Task A_region_at_the_wrong_level_is_a_422()
    {
        var sehore = await app.RegionId("Sehore");
        await Expect(HttpStatusCode.UnprocessableEntity, c => c.PostJson("/api/v1/regions", new { parentId = sehore, level = "Village", name = "Skipped a level" }));
        var kotri = await app.RegionId("Kotri");
        await Expect(HttpStatusCode.UnprocessableEntity, c => c.PostJson("/api/v1/regions", new { parentId = kotri, level = "Village", name = "Below a village" }));
    }

    [Fact]
    public async Task A_stale_version_is_a_409_and_the_newer_edit_survives()
    {
        var jawar = await app.RegionId("Jawar");
        using var admin = await app.ApiAs("admin");
        var current = await (await admin.GetAsync($"/api/v1/regions/{jawar}")).Read<Demo.RegionBody>();
        var renamed = await (await admin.PutJson($"/api/v1/regions/{jawar}", new { name = "Jawar", localName = "जावर", version = current.Version })).Read<Demo.RegionBody>();
        Assert.Equal(current.Version + 1, renamed.Version);

        var problem = await Expect(HttpStatusCode.Conflict, c => c.PutJson($"/api/v1/regions/{jawar}", new { name = "Jawar (old copy)", localName = "जावर", version = current.Version }));
        Assert.Contains("changed since version", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_users_are_refused_with_reasons()
    {
        var sehore = await app.RegionId("Sehore");
        var problem = await Expect(HttpStatusCode.BadRequest, c => c.PostJson("/api/v1/users", new
        {
            username = "bad name!", displayName = "", role = "Superuser", password = "short", regionIds = Array.Empty<Guid>(),
        }));
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "username", "displayName", "role", "password", "regionIds" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
        }

        await Expect(HttpStatusCode.NotFound, c => c.PostJson("/api/v1/users", new
        {
            username = "escalation", displayName = "Escalation", role = "OutreachWorker", password = "long-enough-password", regionIds = new[] { Guid.CreateVersion7() },
        }));
        _ = sehore;
    }

    [Fact]
    public async Task Script_in_a_name_is_stored_as_text_and_rendered_escaped()
    {
        var basoda = await app.RegionId("Basoda");
        using var admin = await app.ApiAs("admin");
        var name = "<script>alert('x')</script> " + app.Provider;
        var created = await (await admin.PostJson("/api/v1/regions", new { parentId = basoda, level = "Village", name })).Read<Demo.RegionBody>(HttpStatusCode.Created);
        Assert.Equal(name, created.Name);

        var cookie = await Ui.SignInAsync(app, "admin");
        var html = await cookie.GetStringAsync($"/Regions?parentId={basoda}");
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }
}

[Collection(HostTests.Name)]
public sealed class SqliteBadInputTests(SqliteApp app) : BadInputTests(app);

[Collection(HostTests.Name)]
public sealed class PostgresBadInputTests(PostgresApp app) : BadInputTests(app);

[Collection(HostTests.Name)]
public sealed class SqlServerBadInputTests(SqlServerApp app) : BadInputTests(app);
