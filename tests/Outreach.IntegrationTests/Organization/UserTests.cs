using System.Net;
using System.Text.Json;
using Outreach.IntegrationTests.Infrastructure;

namespace Outreach.IntegrationTests.Organization;

/// <summary>Creating users safely, assigning regions only inside the admin's own scope, and the audit trail of reads and refusals.</summary>
public abstract class UserTests(IOutreachApp app)
{
    private sealed record AuditRow
    {
        public Guid? UserId { get; init; }
        public string? UserRole { get; init; }
        public required string Action { get; init; }
        public required string Entity { get; init; }
        public Guid? EntityId { get; init; }
        public required string Outcome { get; init; }
    }

    private Task<IReadOnlyList<AuditRow>> AuditOf(Guid? userId, string action) => app.WithDb(db => db.QueryAsync<AuditRow>(
        "SELECT user_id, user_role, action, entity, entity_id, outcome FROM shared_audit_log WHERE user_id = @UserId AND action = @Action",
        new { UserId = userId, Action = action }));

    private Task<IReadOnlyList<Guid>> AssignedRegions(Guid userId) => app.WithDb(db => db.QueryAsync<Guid>(
        "SELECT region_id FROM org_user_region WHERE user_id = @UserId", new { UserId = userId }));

    private Task<int> StoredVersion(Guid userId) => app.WithDb(db => db.ExecuteScalarAsync<int>(
        "SELECT version FROM org_user WHERE id = @Id", new { Id = userId }));

    private Task<long> UsersWithId(Guid id) => app.WithDb(db => db.ExecuteScalarAsync<long>(
        "SELECT COUNT(*) FROM org_user WHERE id = @Id", new { Id = id }));

    private static object NewUserBody(Guid id, string username, string role, params Guid[] regionIds) => new
    {
        id, username, displayName = "Priya Sharma", role, password = Accounts.Password, regionIds,
    };

    [Fact]
    public async Task An_admin_creates_a_user_with_their_own_id()
    {
        var id = Guid.CreateVersion7();
        var username = Accounts.UniqueName("priya");
        var sehore = await app.RegionId("Sehore");

        using var admin = await app.ApiAs("admin");
        var response = await admin.PostJson("/api/v1/users", NewUserBody(id, username, "OutreachWorker", sehore));
        Assert.Equal($"/api/v1/users/{id}", response.Headers.Location?.OriginalString);
        var created = await response.Read<Demo.UserBody>(HttpStatusCode.Created);
        Assert.Equal((id, username, "OutreachWorker", 1), (created.Id, created.Username, created.Role, created.Version));

        Assert.Equal(new[] { sehore }, await AssignedRegions(id));
        using var own = Accounts.Bearer(app, (await Accounts.IssueAsync(app, username)).Token);
        var me = await (await own.GetAsync("/api/v1/me")).Read<JsonElement>();
        Assert.Equal(id, me.GetProperty("id").GetGuid());
        Assert.Equal("Sehore", Assert.Single(me.GetProperty("regions").EnumerateArray()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Replaying_a_create_with_the_same_body_creates_one_user()
    {
        var id = Guid.CreateVersion7();
        var body = NewUserBody(id, Accounts.UniqueName("replay"), "Coordinator", await app.RegionId("Sehore"));

        using var admin = await app.ApiAs("admin");
        var first = await (await admin.PostJson("/api/v1/users", body)).Read<Demo.UserBody>(HttpStatusCode.Created);
        var second = await (await admin.PostJson("/api/v1/users", body)).Read<Demo.UserBody>(HttpStatusCode.Created);

        Assert.Equal(first, second);
        Assert.Equal(1L, await UsersWithId(id));
        Assert.Single(await AssignedRegions(id));
        Assert.Equal(1, await StoredVersion(id));
    }

    [Fact]
    public async Task The_same_id_with_a_different_role_is_a_409_and_the_user_is_unchanged()
    {
        var id = Guid.CreateVersion7();
        var username = Accounts.UniqueName("role");
        var sehore = await app.RegionId("Sehore");

        using var admin = await app.ApiAs("admin");
        await (await admin.PostJson("/api/v1/users", NewUserBody(id, username, "OutreachWorker", sehore))).Read<Demo.UserBody>(HttpStatusCode.Created);
        var problem = await (await admin.PostJson("/api/v1/users", NewUserBody(id, username, "Admin", sehore))).Problem(HttpStatusCode.Conflict);
        Assert.Contains(id.ToString(), problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await (await admin.PostJson("/api/v1/users", NewUserBody(id, Accounts.UniqueName("other"), "OutreachWorker", sehore))).Problem(HttpStatusCode.Conflict);

        var role = await app.WithDb(db => db.ExecuteScalarAsync<string>("SELECT role FROM org_user WHERE id = @Id", new { Id = id }));
        Assert.Equal("OutreachWorker", role);
        Assert.Equal(1L, await UsersWithId(id));
    }

    [Fact]
    public async Task A_coordinator_cannot_create_users_and_the_attempt_is_audited()
    {
        var id = Guid.CreateVersion7();
        var coordinatorId = await app.UserId("coordinator");

        using var coordinator = await app.ApiAs("coordinator");
        var problem = await (await coordinator.PostJson("/api/v1/users", NewUserBody(id, Accounts.UniqueName("sneaky"), "Admin", await app.RegionId("Sehore"))))
            .Problem(HttpStatusCode.Forbidden);
        Assert.Equal("Forbidden", problem.GetProperty("title").GetString());

        Assert.Equal(0L, await UsersWithId(id));
        var denial = Assert.Single(await AuditOf(coordinatorId, "CreateUser"), r => r.EntityId == id);
        Assert.Equal(("denied", "Coordinator", "user"), (denial.Outcome, denial.UserRole, denial.Entity));
    }

    [Fact]
    public async Task A_district_admin_cannot_assign_a_region_outside_their_scope()
    {
        await SehoreAdmin.EnsureAsync(app);
        var sehore = await app.RegionId("Sehore");
        var vidisha = await app.RegionId("Vidisha");
        var sehoreAdminId = await app.UserId(SehoreAdmin.Username);
        using var districtAdmin = await app.ApiAs(SehoreAdmin.Username, SehoreAdmin.Password);
        var deniedBefore = await DenialsOf(sehoreAdminId, vidisha);

        var newId = Guid.CreateVersion7();
        var username = Accounts.UniqueName("escalate");
        await (await districtAdmin.PostJson("/api/v1/users", NewUserBody(newId, username, "OutreachWorker", vidisha))).Problem(HttpStatusCode.NotFound);
        await (await districtAdmin.PostJson("/api/v1/users", NewUserBody(newId, username, "OutreachWorker", sehore, vidisha))).Problem(HttpStatusCode.NotFound);
        Assert.Equal(0L, await UsersWithId(newId));
        Assert.Equal(0L, await app.WithDb(db => db.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM org_user WHERE normalized_username = @Name", new { Name = username.ToUpperInvariant() })));

        var target = await Accounts.CreateAsync(app, "target");
        foreach (var regions in new[] { new[] { vidisha }, new[] { sehore, vidisha } })
        {
            var response = await districtAdmin.PutJson($"/api/v1/users/{target.Id}/regions", new { regionIds = regions, version = target.Version });
            var problem = await response.Problem(HttpStatusCode.NotFound);
            Assert.DoesNotContain("Vidisha", problem.ToString(), StringComparison.Ordinal);
        }
        Assert.Equal(new[] { sehore }, await AssignedRegions(target.Id));
        Assert.Equal(target.Version, await StoredVersion(target.Id));

        Assert.Equal(deniedBefore + 4, await DenialsOf(sehoreAdminId, vidisha));

        async Task<int> DenialsOf(Guid adminId, Guid regionId)
        {
            var rows = (await AuditOf(adminId, "CreateUser")).Concat(await AuditOf(adminId, "AssignUserRegions")).Where(r => r.EntityId == regionId).ToList();
            Assert.All(rows, r => Assert.Equal(("denied", "region"), (r.Outcome, r.Entity)));
            return rows.Count;
        }
    }

    [Fact]
    public async Task A_district_admin_does_not_see_a_shared_users_regions_outside_their_scope()
    {
        await SehoreAdmin.EnsureAsync(app);
        var shared = await CreateSharedUser();

        using var districtAdmin = await app.ApiAs(SehoreAdmin.Username, SehoreAdmin.Password);
        var body = await (await districtAdmin.GetAsync($"/api/v1/users/{shared.Id}")).Content.ReadAsStringAsync();
        Assert.Contains("Ashta", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Pathari", body, StringComparison.Ordinal);
        Assert.DoesNotContain((await app.RegionId("Pathari")).ToString(), body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_district_admin_reassigning_a_shared_user_leaves_the_assignments_outside_their_scope()
    {
        await SehoreAdmin.EnsureAsync(app);
        var shared = await CreateSharedUser();
        var ichhawar = await app.RegionId("Ichhawar");

        using var districtAdmin = await app.ApiAs(SehoreAdmin.Username, SehoreAdmin.Password);
        await (await districtAdmin.PutJson($"/api/v1/users/{shared.Id}/regions", new { regionIds = new[] { ichhawar }, version = shared.Version }))
            .Read<Demo.UserBody>();

        Assert.Equal(
            new[] { ichhawar, await app.RegionId("Pathari") }.Order(),
            (await AssignedRegions(shared.Id)).Order());
    }

    /// <summary>A worker assigned to a block in Sehore and a village in Vidisha, created by the country-wide admin.</summary>
    private async Task<Demo.UserBody> CreateSharedUser()
    {
        using var admin = await app.ApiAs("admin");
        var body = NewUserBody(Guid.CreateVersion7(), Accounts.UniqueName("shared"), "OutreachWorker", await app.RegionId("Ashta"), await app.RegionId("Pathari"));
        return await (await admin.PostJson("/api/v1/users", body)).Read<Demo.UserBody>(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Reading_a_user_is_audited_with_who_read_whom()
    {
        var target = await Accounts.CreateAsync(app, "readme");
        var coordinatorId = await app.UserId("coordinator");

        using var coordinator = await app.ApiAs("coordinator");
        var read = await (await coordinator.GetAsync($"/api/v1/users/{target.Id}")).Read<Demo.UserBody>();
        Assert.Equal(target.Username, read.Username);

        var row = Assert.Single(await AuditOf(coordinatorId, "GetUser"), r => r.EntityId == target.Id);
        Assert.Equal(("allowed", "Coordinator", "user"), (row.Outcome, row.UserRole, row.Entity));

        var workerId = await app.UserId("worker");
        using var worker = await app.ApiAs("worker");
        await (await worker.GetAsync($"/api/v1/users/{target.Id}")).Problem(HttpStatusCode.Forbidden);
        var denied = Assert.Single(await AuditOf(workerId, "GetUser"), r => r.EntityId == target.Id);
        Assert.Equal("denied", denied.Outcome);
    }

    [Fact]
    public async Task Listing_users_is_audited()
    {
        var managerId = await app.UserId("manager");
        var before = (await AuditOf(managerId, "ListUsers")).Count;

        using var manager = await app.ApiAs("manager");
        var page = await (await manager.GetAsync("/api/v1/users?search=worker")).Read<Demo.UserPage>();
        Assert.Contains(page.Items, u => u.Username == "worker");

        var rows = await AuditOf(managerId, "ListUsers");
        Assert.Equal(before + 1, rows.Count);
        Assert.All(rows, r => Assert.Equal(("allowed", "Manager", "user", (Guid?)null), (r.Outcome, r.UserRole, r.Entity, r.EntityId)));
    }

    [Fact]
    public async Task A_stale_version_when_assigning_regions_is_a_409_and_the_newer_assignment_survives()
    {
        var target = await Accounts.CreateAsync(app, "stale");
        var ashta = await app.RegionId("Ashta");
        var ichhawar = await app.RegionId("Ichhawar");

        using var admin = await app.ApiAs("admin");
        var updated = await (await admin.PutJson($"/api/v1/users/{target.Id}/regions", new { regionIds = new[] { ashta }, version = target.Version }))
            .Read<Demo.UserBody>();
        Assert.Equal(target.Version + 1, updated.Version);

        var problem = await (await admin.PutJson($"/api/v1/users/{target.Id}/regions", new { regionIds = new[] { ichhawar }, version = target.Version }))
            .Problem(HttpStatusCode.Conflict);
        Assert.Equal("Edited by someone else", problem.GetProperty("title").GetString());

        Assert.Equal(new[] { ashta }, await AssignedRegions(target.Id));
        Assert.Equal(updated.Version, await StoredVersion(target.Id));
    }
}

[Collection(HostTests.Name)]
public sealed class SqliteUserTests(SqliteApp app) : UserTests(app);

[Collection(HostTests.Name)]
public sealed class PostgresUserTests(PostgresApp app) : UserTests(app);

[Collection(HostTests.Name)]
public sealed class SqlServerUserTests(SqlServerApp app) : UserTests(app);
