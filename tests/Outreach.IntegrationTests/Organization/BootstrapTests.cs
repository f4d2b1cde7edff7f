using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Outreach.IntegrationTests.Infrastructure;
using Outreach.Organization.Setup;
using Outreach.Shared;
using Outreach.Shared.Security;

namespace Outreach.IntegrationTests.Organization;

[Collection(HostTests.Name)]
public sealed class BootstrapTests(SqliteApp demo)
{
    [Fact]
    public async Task A_new_installation_gets_its_first_country_and_administrator_once()
    {
        await using var database = new SqliteTestDatabase();
        await database.CreateAsync();
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            host.UseEnvironment("Testing");
            host.UseSetting("Database:Provider", "Sqlite");
            host.UseSetting("Database:ConnectionString", database.ConnectionString);
            host.UseSetting("DemoData:Enabled", "false");
            host.UseSetting("Jobs:RunServer", "false");
            host.UseSetting("RateLimits:SignInPerMinute", "100000");
        });
        var app = new FreshApp(factory);

        await app.SendAs(new SystemUser(), new BootstrapOrganization("Nepal", "नेपाल", "first.admin", "First Admin", "a-long-first-password"));

        using var admin = await app.ApiAs("first.admin", "a-long-first-password");
        var regions = await (await admin.GetAsync("/api/v1/regions")).Read<List<Demo.RegionBody>>();
        Assert.Equal("Nepal", Assert.Single(regions).Name);

        var again = await Assert.ThrowsAsync<ConflictProblem>(() =>
            app.SendAs(new SystemUser(), new BootstrapOrganization("Bhutan", null, "second.admin", "Second", "another-long-password")));
        Assert.Contains("already has users", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_installation_with_users_refuses_a_second_bootstrap() =>
        await Assert.ThrowsAsync<ConflictProblem>(() =>
            demo.SendAs(new SystemUser(), new BootstrapOrganization("Elsewhere", null, "intruder", "Intruder", "a-long-password-here")));

    [Fact]
    public async Task Only_an_administrator_of_a_whole_country_may_add_a_country()
    {
        await SehoreAdmin.EnsureAsync(demo);
        using var districtAdmin = await demo.ApiAs(SehoreAdmin.Username, SehoreAdmin.Password);
        var refused = await districtAdmin.PostJson("/api/v1/regions", new { level = "Country", name = "Sehore Republic" });
        await refused.Problem(HttpStatusCode.Forbidden);
    }

    /// <summary>An app on an empty database, for the one test that needs no demo data.</summary>
    private sealed class FreshApp(WebApplicationFactory<Program> factory)
    {
        public Task<T> SendAs<T>(ICurrentUser caller, Mediator.ICommand<T> command) => Helpers.SendAs(factory.Services, caller, s => s.Send(command));

        public async Task<HttpClient> ApiAs(string username, string password)
        {
            var client = factory.CreateClient();
            var token = await (await client.PostJson("/api/v1/auth/tokens", new { username, password })).Read<TokenBody>(HttpStatusCode.Created);
            client.DefaultRequestHeaders.Authorization = new("Bearer", token.Token);
            return client;
        }

        private sealed record TokenBody(string Token);
    }
}
