using System.Net;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Outreach.IntegrationTests.Infrastructure;
using Outreach.Shared.Data;

namespace Outreach.IntegrationTests.Organization;

/// <summary>
/// Creating, replaying and renaming regions, coverage through Reporting, and the village list. New regions go into a
/// district made for the test, so Sehore and Vidisha keep the counts other tests rely on.
/// </summary>
public abstract class RegionTests(IOutreachApp app)
{
    private sealed record Coverage(Guid RegionId, string Name, string Level, List<LevelCount> Below);

    private sealed record LevelCount(string Level, int Count);

    private sealed record StoredRegion
    {
        public required Guid Id { get; init; }
        public Guid? ParentId { get; init; }
        public required string Name { get; init; }
        public string? LocalName { get; init; }
        public required string Path { get; init; }
        public required int Version { get; init; }
    }

    private sealed record StoredAncestry
    {
        public Guid? CountryId { get; init; }
        public Guid? StateId { get; init; }
        public Guid? DistrictId { get; init; }
        public Guid? BlockId { get; init; }
    }

    private async Task<Demo.RegionBody> Create(Guid? parentId, string level, string name, string? localName = null, Guid? id = null)
    {
        using var admin = await app.ApiAs("admin");
        var response = await admin.PostJson("/api/v1/regions", new { id, parentId, level, name, localName });
        return await response.Read<Demo.RegionBody>(HttpStatusCode.Created);
    }

    private async Task<Demo.RegionBody> NewDistrict() =>
        await Create(await app.RegionId("Madhya Pradesh"), "District", "District " + Guid.NewGuid().ToString("N")[..10]);

    private Task<StoredRegion?> Stored(Guid id) => app.WithDb(db => db.QuerySingleOrDefaultAsync<StoredRegion>(
        "SELECT id, parent_id, name, local_name, path, version FROM org_region WHERE id = @Id", new { Id = id }));

    private static async Task<Demo.VillagePage> Villages(HttpClient client, string query) =>
        await (await client.GetAsync("/api/v1/villages?" + query)).Read<Demo.VillagePage>();

    [Fact]
    public async Task An_admin_creates_a_block_and_a_village_with_their_own_ids()
    {
        var district = await NewDistrict();
        var blockId = Guid.CreateVersion7();
        var villageId = Guid.CreateVersion7();

        using var admin = await app.ApiAs("admin");
        var response = await admin.PostJson("/api/v1/regions", new { id = blockId, parentId = district.Id, level = "Block", name = "Doraha", localName = "दोराहा" });
        Assert.Equal($"/api/v1/regions/{blockId}", response.Headers.Location?.OriginalString);
        var block = await response.Read<Demo.RegionBody>(HttpStatusCode.Created);
        var village = await Create(blockId, "Village", "Doraha Kalan", "दोराहा कलां", villageId);

        Assert.Equal((blockId, district.Id, "Block", 1), (block.Id, block.ParentId, block.Level.ToString(), block.Version));
        Assert.Equal((villageId, blockId, "Village", "दोराहा कलां"), (village.Id, village.ParentId, village.Level.ToString(), village.LocalName));

        var stored = await Stored(villageId);
        var districtPath = (await Stored(district.Id))!.Path;
        Assert.Equal($"{districtPath}{blockId:N}/{villageId:N}/", stored!.Path);
        var ancestry = await app.WithDb(db => db.QuerySingleOrDefaultAsync<StoredAncestry>(
            "SELECT country_id, state_id, district_id, block_id FROM org_region WHERE id = @Id", new { Id = villageId }));
        Assert.Equal(new StoredAncestry
        {
            CountryId = await app.RegionId("India"), StateId = await app.RegionId("Madhya Pradesh"), DistrictId = district.Id, BlockId = blockId,
        }, ancestry);

        var read = await (await admin.GetAsync($"/api/v1/regions/{villageId}")).Read<JsonElement>();
        var ancestors = read.GetProperty("ancestors").EnumerateArray().Select(a => a.GetProperty("name").GetString()).ToList();
        Assert.Equal(new[] { "India", "Madhya Pradesh", district.Name, "Doraha" }, ancestors);
    }

    [Fact]
    public async Task Replaying_a_create_returns_the_same_region_and_stores_one_row()
    {
        var district = await NewDistrict();
        var id = Guid.CreateVersion7();
        var body = new { id, parentId = district.Id, level = "Block", name = "Replayed", localName = "दोहराया" };

        using var admin = await app.ApiAs("admin");
        var first = await (await admin.PostJson("/api/v1/regions", body)).Read<Demo.RegionBody>(HttpStatusCode.Created);
        var second = await (await admin.PostJson("/api/v1/regions", body)).Read<Demo.RegionBody>(HttpStatusCode.Created);

        Assert.Equal(first, second);
        Assert.Equal(id, second.Id);
        Assert.Equal(1L, await app.WithDb(db => db.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM org_region WHERE parent_id = @ParentId", new { ParentId = district.Id })));
    }

    [Fact]
    public async Task A_replay_racing_the_first_create_is_answered_without_a_500()
    {
        var district = await NewDistrict();
        var id = Guid.CreateVersion7();
        var districtPath = (await Stored(district.Id))!.Path;

        var factory = app.Services.GetRequiredService<ConnectionFactory>();
        await using var firstRequest = await factory.OpenAsync(CancellationToken.None);
        await using var transaction = await firstRequest.BeginTransactionAsync();
        await firstRequest.ExecuteAsync(factory.Dialect.Render("""
            INSERT INTO org_region (id, parent_id, level, name, local_name, path, country_id, state_id, district_id, block_id, version, created_at, updated_at)
            SELECT @Id, d.id, 4, 'Raced', NULL, @Path, d.country_id, d.state_id, d.district_id, @Id, 1, @Now, @Now FROM org_region d WHERE d.id = @ParentId
            """), new { Id = id, ParentId = district.Id, Path = $"{districtPath}{id:N}/", Now = DateTimeOffset.UtcNow }, transaction);

        using var admin = await app.ApiAs("admin");
        var replay = admin.PostJson("/api/v1/regions", new { id, parentId = district.Id, level = "Block", name = "Raced" });
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.False(replay.IsCompleted, "the replay should wait for the first request's transaction");
        await transaction.CommitAsync();

        var response = await replay;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"{(int)response.StatusCode}: {body}");
        if (response.StatusCode == HttpStatusCode.Created) Assert.Equal(id, JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid());
        Assert.Equal(1L, await app.WithDb(db => db.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM org_region WHERE parent_id = @ParentId", new { ParentId = district.Id })));
    }

    [Fact]
    public async Task The_same_id_with_a_different_body_is_a_409_and_changes_nothing()
    {
        var district = await NewDistrict();
        var other = await NewDistrict();
        var id = Guid.CreateVersion7();
        await Create(district.Id, "Block", "Original", "मूल", id);
        var before = await Stored(id);

        using var admin = await app.ApiAs("admin");
        var changes = new object[]
        {
            new { id, parentId = district.Id, level = "Block", name = "Different", localName = "मूल" },
            new { id, parentId = district.Id, level = "Block", name = "Original", localName = "अलग" },
            new { id, parentId = other.Id, level = "Block", name = "Original", localName = "मूल" },
        };
        foreach (var change in changes)
        {
            var problem = await (await admin.PostJson("/api/v1/regions", change)).Problem(HttpStatusCode.Conflict);
            Assert.Contains(id.ToString(), problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(before, await Stored(id));
        Assert.Equal(0L, await app.WithDb(db => db.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM org_region WHERE parent_id = @ParentId", new { ParentId = other.Id })));
    }

    [Fact]
    public async Task Renaming_a_region_bumps_its_version()
    {
        var district = await NewDistrict();
        var block = await Create(district.Id, "Block", "Old name", "पुराना");

        using var admin = await app.ApiAs("admin");
        var renamed = await (await admin.PutJson($"/api/v1/regions/{block.Id}", new { name = "New name", localName = "नया", version = 1 })).Read<Demo.RegionBody>();
        Assert.Equal(("New name", "नया", 2), (renamed.Name, renamed.LocalName, renamed.Version));

        var again = await (await admin.PutJson($"/api/v1/regions/{block.Id}", new { name = "Newer name", localName = (string?)null, version = 2 })).Read<Demo.RegionBody>();
        Assert.Equal(("Newer name", (string?)null, 3), (again.Name, again.LocalName, again.Version));

        var stored = await Stored(block.Id);
        Assert.Equal(("Newer name", (string?)null, 3), (stored!.Name, stored.LocalName, stored.Version));
    }

    [Fact]
    public async Task Coverage_of_Sehore_counts_two_blocks_and_seven_villages()
    {
        var sehore = await app.RegionId("Sehore");
        foreach (var caller in new[] { "worker", "coordinator", "admin" })
        {
            using var client = await app.ApiAs(caller);
            var coverage = await (await client.GetAsync($"/api/v1/regions/{sehore}/coverage")).Read<Coverage>();
            Assert.Equal((sehore, "Sehore", "District"), (coverage.RegionId, coverage.Name, coverage.Level));
            Assert.Equal(new[] { new LevelCount("Block", 2), new LevelCount("Village", 7) }, coverage.Below);
        }
    }

    [Fact]
    public async Task Coverage_of_a_new_district_counts_exactly_what_was_added()
    {
        var district = await NewDistrict();
        var blocks = new List<Demo.RegionBody>();
        foreach (var name in new[] { "North", "South", "East" }) blocks.Add(await Create(district.Id, "Block", name));
        foreach (var (block, village) in new[] { (0, "A"), (0, "B"), (1, "C"), (2, "D"), (2, "E") })
        {
            await Create(blocks[block].Id, "Village", village);
        }

        using var admin = await app.ApiAs("admin");
        var coverage = await (await admin.GetAsync($"/api/v1/regions/{district.Id}/coverage")).Read<Coverage>();
        Assert.Equal(new[] { new LevelCount("Block", 3), new LevelCount("Village", 5) }, coverage.Below);

        var blockCoverage = await (await admin.GetAsync($"/api/v1/regions/{blocks[2].Id}/coverage")).Read<Coverage>();
        Assert.Equal(new[] { new LevelCount("Village", 2) }, blockCoverage.Below);

        await Create(blocks[1].Id, "Village", "F");
        coverage = await (await admin.GetAsync($"/api/v1/regions/{district.Id}/coverage")).Read<Coverage>();
        Assert.Equal(new[] { new LevelCount("Block", 3), new LevelCount("Village", 6) }, coverage.Below);

        using var worker = await app.ApiAs("worker");
        await (await worker.GetAsync($"/api/v1/regions/{district.Id}/coverage")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Village_search_matches_the_Devanagari_name()
    {
        using var worker = await app.ApiAs("worker");
        foreach (var term in new[] { "कोटरी", "कोट" })
        {
            var page = await Villages(worker, "search=" + Uri.EscapeDataString(term));
            var village = Assert.Single(page.Items);
            Assert.Equal(("Kotri", "कोटरी", "Ashta", "Sehore"), (village.Name, village.LocalName, village.BlockName, village.DistrictName));
            Assert.Equal(1, page.Total);
        }
    }

    [Fact]
    public async Task Village_search_ignores_case_in_Latin_names()
    {
        using var worker = await app.ApiAs("worker");
        foreach (var term in new[] { "kot", "KOTRI", "kOtR" })
        {
            var page = await Villages(worker, "search=" + term);
            Assert.Equal("Kotri", Assert.Single(page.Items).Name);
        }
        Assert.Empty((await Villages(worker, "search=pathari")).Items);
    }

    [Fact]
    public async Task Villages_come_in_pages()
    {
        using var worker = await app.ApiAs("worker");
        var pages = new List<Demo.VillagePage>();
        for (var number = 1; number <= 4; number++) pages.Add(await Villages(worker, $"pageSize=3&page={number}"));

        Assert.Equal(new[] { 3, 3, 1, 0 }, pages.Select(p => p.Items.Count));
        Assert.All(pages, p => Assert.Equal(7, p.Total));
        var ids = pages.SelectMany(p => p.Items.Select(v => v.Id)).ToList();
        Assert.Equal(7, ids.Distinct().Count());

        var all = await Villages(worker, "pageSize=200");
        Assert.Equal(all.Items.Select(v => v.Id), ids);
    }

    [Fact]
    public async Task Percent_and_underscore_in_a_search_are_literal_characters()
    {
        var district = await NewDistrict();
        var block = await Create(district.Id, "Block", "Wildcards");
        foreach (var name in new[] { "Ram_pur", "Ramxpur", "50% Gaon", "500 Gaon" }) await Create(block.Id, "Village", name);
        var user = await Accounts.CreateAsync(app, "wildcards", "OutreachWorker", district.Id);

        using var client = Accounts.Bearer(app, (await Accounts.IssueAsync(app, user.Username)).Token);
        Assert.Equal(4, (await Villages(client, "")).Total);
        Assert.Equal("Ram_pur", Assert.Single((await Villages(client, "search=_")).Items).Name);
        Assert.Equal("Ram_pur", Assert.Single((await Villages(client, "search=m_p")).Items).Name);
        Assert.Equal("50% Gaon", Assert.Single((await Villages(client, "search=" + Uri.EscapeDataString("%"))).Items).Name);
        Assert.Equal("50% Gaon", Assert.Single((await Villages(client, "search=" + Uri.EscapeDataString("50%"))).Items).Name);
        Assert.Empty((await Villages(client, "search=" + Uri.EscapeDataString("\\"))).Items);

        using var worker = await app.ApiAs("worker");
        foreach (var term in new[] { "%", "_", "%%", "\\%" })
        {
            Assert.Equal(0, (await Villages(worker, "search=" + Uri.EscapeDataString(term))).Total);
        }
    }
}

[Collection(HostTests.Name)]
public sealed class SqliteRegionTests(SqliteApp app) : RegionTests(app);

[Collection(HostTests.Name)]
public sealed class PostgresRegionTests(PostgresApp app) : RegionTests(app);

[Collection(HostTests.Name)]
public sealed class SqlServerRegionTests(SqlServerApp app) : RegionTests(app);
