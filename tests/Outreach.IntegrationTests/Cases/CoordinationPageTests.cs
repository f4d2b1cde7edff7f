using System.Net;
using Outreach.IntegrationTests.Infrastructure;
using Outreach.IntegrationTests.Organization;

namespace Outreach.IntegrationTests.Cases;

/// <summary>The coordinators' pages: overdue follow-ups, services to re-check and break-glass access, for coordinators only.</summary>
public abstract class CoordinationPageTests(IOutreachApp app)
{
    private sealed record IdView(Guid Id, string? Reference);

    private static readonly string[] Pages = ["/Coordination/Overdue", "/Coordination/StaleServices", "/Coordination/BreakGlass"];

    private async Task<IdView> NewPerson(HttpClient worker) =>
        await (await worker.PostJson("/api/v1/people", new
        {
            id = Guid.CreateVersion7(), villageId = await app.RegionId("Kotri"), givenName = "Kamla", riskNote = "Low mood",
            consentedPurposes = new[] { "CaseWork" }, consentMethod = "Verbal",
        })).Read<IdView>(HttpStatusCode.Created);

    [Fact]
    public async Task Only_coordinators_open_the_coordination_pages_and_only_they_see_the_links_home()
    {
        foreach (var username in new[] { "worker", "manager", "admin" })
        {
            using var other = await Ui.SignInAsync(app, username);
            foreach (var page in Pages)
            {
                var denied = await other.GetAsync(page);
                Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
                Assert.Contains("/Account/AccessDenied", denied.Headers.Location!.OriginalString, StringComparison.Ordinal);
            }
            Assert.DoesNotContain("/Coordination/Overdue", await other.GetStringAsync("/"), StringComparison.Ordinal);
        }

        using var coordinator = await Ui.SignInAsync(app, "coordinator");
        var home = await coordinator.GetStringAsync("/");
        foreach (var page in Pages)
        {
            Assert.Contains($"href=\"{page}\"", home, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync(page)).StatusCode);
        }
    }

    [Fact]
    public async Task A_coordinator_sees_overdue_follow_ups_and_who_opened_sensitive_notes_in_their_regions()
    {
        using var worker = await app.ApiAs("worker");
        var person = await NewPerson(worker);
        await (await worker.PostJson($"/api/v1/people/{person.Id}/follow-ups", new
        {
            id = Guid.CreateVersion7(), dueOn = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-3)).ToString("yyyy-MM-dd"), note = "Ask about the clinic visit",
        })).Read<IdView>(HttpStatusCode.Created);
        var colleague = await Accounts.CreateAsync(app, "glass");
        using var other = Accounts.Bearer(app, (await Accounts.IssueAsync(app, colleague.Username)).Token);
        await (await other.PostJson($"/api/v1/people/{person.Id}/break-glass", new { reason = "Covering for her worker during a crisis call" })).Read<object>();

        using var coordinator = await Ui.SignInAsync(app, "coordinator");
        var overdue = await coordinator.GetStringAsync("/Coordination/Overdue?pageNumber=1");
        Assert.Contains(person.Reference!, overdue, StringComparison.Ordinal);
        Assert.Contains("Ask about the clinic visit", overdue, StringComparison.Ordinal);
        Assert.Contains("3 days overdue", overdue, StringComparison.Ordinal);
        var glass = await coordinator.GetStringAsync("/Coordination/BreakGlass");
        Assert.Contains("Covering for her worker during a crisis call", glass, StringComparison.Ordinal);
        Assert.Contains(person.Reference!, glass, StringComparison.Ordinal);
        Assert.DoesNotContain("Low mood", glass, StringComparison.Ordinal);

        var vidishaCoordinator = await Accounts.CreateAsync(app, "coordvid", "Coordinator", "Vidisha");
        using var vidisha = await Ui.SignInAsync(app, vidishaCoordinator.Username, Accounts.Password);
        Assert.DoesNotContain(person.Reference!, await vidisha.GetStringAsync("/Coordination/Overdue"), StringComparison.Ordinal);
        Assert.DoesNotContain(person.Reference!, await vidisha.GetStringAsync("/Coordination/BreakGlass"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verified_today_takes_a_service_off_the_re_check_list()
    {
        using var worker = await app.ApiAs("worker");
        var name = "Ashta women circle " + Guid.NewGuid().ToString("N")[..6];
        var service = await (await worker.PostJson("/api/v1/services", new
        {
            id = Guid.CreateVersion7(), name, category = "support-group", regionId = await app.RegionId("Sehore"), contact = "+91 94250 00000", mode = "in-person",
        })).Read<IdView>(HttpStatusCode.Created);
        await app.WithDb(db => db.ExecuteAsync("UPDATE cases_service SET last_verified_on = @On WHERE id = @Id",
            new { On = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-400)), service.Id }));

        using var coordinator = await Ui.SignInAsync(app, "coordinator");
        Assert.Contains(name, await coordinator.GetStringAsync("/Coordination/StaleServices?pageNumber=1"), StringComparison.Ordinal);
        var verified = await Ui.PostFormAsync(coordinator, "/Coordination/StaleServices?handler=Verify", new() { ["serviceId"] = service.Id.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, verified.StatusCode);
        var after = await coordinator.GetStringAsync(verified.Headers.Location!.OriginalString);
        Assert.Contains("marked as verified today", after, StringComparison.Ordinal);
        Assert.DoesNotContain($"value=\"{service.Id}\"", after, StringComparison.Ordinal);
    }
}

[Collection(HostTests.Name)]
public sealed class SqliteCoordinationPageTests(SqliteApp app) : CoordinationPageTests(app);

[Collection(HostTests.Name)]
public sealed class PostgresCoordinationPageTests(PostgresApp app) : CoordinationPageTests(app);

[Collection(HostTests.Name)]
public sealed class SqlServerCoordinationPageTests(SqlServerApp app) : CoordinationPageTests(app);
