using System.Net;
using Outreach.IntegrationTests.Infrastructure;
using Outreach.Shared.Data;

namespace Outreach.IntegrationTests.Organization;

/// <summary>
/// The IDOR matrix: every route that takes an id, for every role, against records inside and outside the caller's
/// regions. A leak is any success, or any out-of-scope name in a body, where the rules say no.
/// </summary>
public abstract class RegionScopeMatrixTests(IOutreachApp app)
{
    private static readonly string[] Callers = ["worker", "worker.vidisha", "coordinator", "manager", "admin", SehoreAdmin.Username];

    private static readonly Dictionary<string, string[]> ScopeOf = new()
    {
        ["worker"] = ["Sehore", "Kotri"],
        ["worker.vidisha"] = ["Vidisha", "Pathari"],
        ["coordinator"] = ["Madhya Pradesh", "Sehore", "Kotri", "Vidisha", "Pathari"],
        ["manager"] = ["Madhya Pradesh", "Sehore", "Kotri", "Vidisha", "Pathari"],
        ["admin"] = ["Madhya Pradesh", "Sehore", "Kotri", "Vidisha", "Pathari"],
        [SehoreAdmin.Username] = ["Sehore", "Kotri"],
    };

    private static readonly Dictionary<string, string> RoleOf = new()
    {
        ["worker"] = "OutreachWorker", ["worker.vidisha"] = "OutreachWorker", ["coordinator"] = "Coordinator",
        ["manager"] = "Manager", ["admin"] = "Admin", [SehoreAdmin.Username] = "Admin",
    };

    private static readonly string[] Regions = ["Madhya Pradesh", "Sehore", "Kotri", "Vidisha", "Pathari"];

    [Fact]
    public async Task No_caller_reads_or_changes_a_region_outside_their_scope()
    {
        await SehoreAdmin.EnsureAsync(app);
        var findings = new List<string>();
        var checkedCount = 0;
        foreach (var caller in Callers)
        {
            using var client = await app.ApiAs(caller, SehoreAdmin.PasswordFor(caller));
            foreach (var region in Regions)
            {
                var id = await app.RegionId(region);
                var inScope = ScopeOf[caller].Contains(region);
                var isAdmin = RoleOf[caller] == "Admin";

                await Check(caller, region, "GET region", await client.GetAsync($"/api/v1/regions/{id}"), inScope ? 200 : 404);
                await Check(caller, region, "GET children", await client.GetAsync($"/api/v1/regions?parentId={id}"), inScope ? 200 : 404);
                await Check(caller, region, "GET coverage", await client.GetAsync($"/api/v1/regions/{id}/coverage"), inScope ? 200 : 404);

                var version = await app.WithDb(db => db.ExecuteScalarAsync<int>("SELECT version FROM org_region WHERE id = @Id", new { Id = id }));
                var rename = await client.PutJson($"/api/v1/regions/{id}", new { name = region, localName = LocalNames[region], version });
                await Check(caller, region, "PUT region", rename, !isAdmin ? 403 : inScope ? 200 : 404);

                if (!(isAdmin && inScope))
                {
                    var create = await client.PostJson("/api/v1/regions", new { parentId = id, level = "Block", name = "Leak " + caller });
                    await Check(caller, region, "POST child", create, !isAdmin ? 403 : 404);
                }
                checkedCount += 5;
            }
        }
        Assert.True(findings.Count == 0, $"{findings.Count} of {checkedCount} checks broke the scope rules on {app.ProviderName()}:\n" + string.Join("\n", findings));
        return;

        async Task Check(string caller, string region, string route, HttpResponseMessage response, int expected)
        {
            var body = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode != expected)
            {
                findings.Add($"{caller} {route} {region}: expected {expected}, got {(int)response.StatusCode} {body}");
            }
            foreach (var hidden in Regions.Where(r => !ScopeOf[caller].Contains(r) && r != region))
            {
                if (body.Contains($"\"{hidden}\"", StringComparison.Ordinal) && !AncestorVisible(caller, hidden))
                {
                    findings.Add($"{caller} {route} {region}: body names out-of-scope region {hidden}");
                }
            }
        }
    }

    [Fact]
    public async Task No_caller_reads_or_reassigns_a_user_outside_their_scope()
    {
        await SehoreAdmin.EnsureAsync(app);
        var findings = new List<string>();
        var targets = new Dictionary<string, string> { ["worker"] = "Sehore", ["worker.vidisha"] = "Vidisha" };
        foreach (var caller in Callers)
        {
            using var client = await app.ApiAs(caller, SehoreAdmin.PasswordFor(caller));
            foreach (var (target, targetRegion) in targets)
            {
                var id = await app.UserId(target);
                var visible = ScopeOf[caller].Contains(targetRegion);
                var role = RoleOf[caller];
                var readExpected = caller == target ? 200 : role == "OutreachWorker" ? 403 : visible ? 200 : 404;
                var read = await client.GetAsync($"/api/v1/users/{id}");
                if ((int)read.StatusCode != readExpected) findings.Add($"{caller} GET user {target}: expected {readExpected}, got {(int)read.StatusCode}");

                var version = await app.WithDb(db => db.ExecuteScalarAsync<int>("SELECT version FROM org_user WHERE id = @Id", new { Id = id }));
                var regionId = await app.RegionId(targetRegion);
                var assign = await client.PutJson($"/api/v1/users/{id}/regions", new { regionIds = new[] { regionId }, version });
                var assignExpected = role != "Admin" ? 403 : visible ? 200 : 404;
                if ((int)assign.StatusCode != assignExpected) findings.Add($"{caller} PUT user regions {target}: expected {assignExpected}, got {(int)assign.StatusCode}");
            }

            if (RoleOf[caller] != "OutreachWorker")
            {
                var list = await (await client.GetAsync("/api/v1/users?pageSize=200")).Read<Demo.UserPage>();
                foreach (var (target, targetRegion) in targets)
                {
                    var listed = list.Items.Any(u => u.Username == target);
                    if (listed != ScopeOf[caller].Contains(targetRegion)) findings.Add($"{caller} GET users: {target} listed={listed}");
                }
            }
        }
        Assert.True(findings.Count == 0, $"Scope rules broken on {app.ProviderName()}:\n" + string.Join("\n", findings));
    }

    [Fact]
    public async Task Village_lists_hold_exactly_the_villages_in_scope()
    {
        var sehore = new[] { "Bhanwarkhedi", "Kotri", "Jawar", "Siddhikganj", "Brijeshnagar", "Amlaha", "Nadan" };
        var vidisha = new[] { "Pathari", "Udaipur", "Tyonda", "Lateri", "Anandpur", "Muradpur" };

        using var worker = await app.ApiAs("worker");
        var mine = await (await worker.GetAsync("/api/v1/villages?pageSize=200")).Read<Demo.VillagePage>();
        Assert.Equal(sehore.Order(), mine.Items.Select(v => v.Name).Order());
        Assert.Equal(7, mine.Total);

        using var other = await app.ApiAs("worker.vidisha");
        var theirs = await (await other.GetAsync("/api/v1/villages?pageSize=200")).Read<Demo.VillagePage>();
        Assert.Superset(vidisha.ToHashSet(), theirs.Items.Select(v => v.Name).ToHashSet());
        Assert.DoesNotContain(theirs.Items, v => sehore.Contains(v.Name) || v.DistrictName != "Vidisha");

        using var coordinator = await app.ApiAs("coordinator");
        var all = await (await coordinator.GetAsync("/api/v1/villages?pageSize=200")).Read<Demo.VillagePage>();
        Assert.Superset(sehore.Concat(vidisha).ToHashSet(), all.Items.Select(v => v.Name).ToHashSet());
    }

    [Fact]
    public async Task Out_of_scope_attempts_are_written_to_the_audit_log()
    {
        using var worker = await app.ApiAs("worker");
        var vidisha = await app.RegionId("Vidisha");
        var before = await CountDenials(vidisha);
        var response = await worker.GetAsync($"/api/v1/regions/{vidisha}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(before + 1, await CountDenials(vidisha));
    }

    private Task<long> CountDenials(Guid entityId) => app.WithDb(db => db.ExecuteScalarAsync<long>(
        "SELECT COUNT(*) FROM shared_audit_log WHERE entity_id = @Id AND outcome = 'denied'", new { Id = entityId }));

    private static readonly Dictionary<string, string> LocalNames = new()
    {
        ["Madhya Pradesh"] = "मध्य प्रदेश", ["Sehore"] = "सीहोर", ["Kotri"] = "कोटरी", ["Vidisha"] = "विदिशा", ["Pathari"] = "पठारी",
    };

    /// <summary>Breadcrumbs show the names of ancestors (a district worker sees "Madhya Pradesh" above Sehore); that is not a leak.</summary>
    private static bool AncestorVisible(string caller, string region) =>
        region == "Madhya Pradesh" && ScopeOf[caller].Any(r => r is "Sehore" or "Kotri" or "Vidisha" or "Pathari");
}

[Collection(HostTests.Name)]
public sealed class SqliteRegionScopeMatrixTests(SqliteApp app) : RegionScopeMatrixTests(app);

[Collection(HostTests.Name)]
public sealed class PostgresRegionScopeMatrixTests(PostgresApp app) : RegionScopeMatrixTests(app);

[Collection(HostTests.Name)]
public sealed class SqlServerRegionScopeMatrixTests(SqlServerApp app) : RegionScopeMatrixTests(app);
