using System.Net;
using System.Net.Http.Headers;
using Outreach.IntegrationTests.Infrastructure;

namespace Outreach.IntegrationTests.Organization;

/// <summary>Users and tokens made for one test, so it can lock, revoke or reassign them without touching the demo users.</summary>
internal static class Accounts
{
    public const string Password = "Fresh-user-password-2026";

    public sealed record Issued(Guid Id, string Name, string Token, DateTimeOffset ExpiresAt);

    public static string UniqueName(string prefix) => $"{prefix}.{Guid.NewGuid():N}";

    /// <summary>Created by the demo admin through the API, assigned to one region.</summary>
    public static async Task<Demo.UserBody> CreateAsync(IOutreachApp app, string prefix, string role = "OutreachWorker", string region = "Sehore") =>
        await CreateAsync(app, prefix, role, await app.RegionId(region));

    public static async Task<Demo.UserBody> CreateAsync(IOutreachApp app, string prefix, string role, Guid regionId)
    {
        using var admin = await app.ApiAs("admin");
        var response = await admin.PostJson("/api/v1/users", new
        {
            id = Guid.CreateVersion7(),
            username = UniqueName(prefix),
            displayName = "Test " + prefix,
            role,
            password = Password,
            regionIds = new[] { regionId },
        });
        return await response.Read<Demo.UserBody>(HttpStatusCode.Created);
    }

    public static async Task<HttpResponseMessage> RequestTokenAsync(IOutreachApp app, string username, string password, string deviceName = "tests")
    {
        using var anonymous = app.Anonymous();
        return await anonymous.PostJson("/api/v1/auth/tokens", new { username, password, deviceName });
    }

    public static async Task<Issued> IssueAsync(IOutreachApp app, string username, string password = Password, string deviceName = "tests") =>
        await (await RequestTokenAsync(app, username, password, deviceName)).Read<Issued>(HttpStatusCode.Created);

    public static HttpClient Bearer(IOutreachApp app, string token)
    {
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
