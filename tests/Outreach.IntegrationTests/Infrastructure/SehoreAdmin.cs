using Outreach.Organization.Demo;

namespace Outreach.IntegrationTests.Infrastructure;

/// <summary>An administrator whose scope is one district: the case where "Admin" must not mean "everything".</summary>
public static class SehoreAdmin
{
    public const string Username = "admin.sehore";
    public const string Password = "Sehore-admin-2026";
    private static readonly Guid Id = Guid.Parse("01900000-0000-7000-8000-00000000a001");

    public static string PasswordFor(string username) => username == Username ? Password : SeedDemoData.Password;

    /// <summary>Created through the API with a fixed client id, so repeating it is a no-op.</summary>
    public static async Task EnsureAsync(IOutreachApp app)
    {
        using var admin = await app.ApiAs("admin");
        var sehore = await app.RegionId("Sehore");
        var response = await admin.PostJson("/api/v1/users", new
        {
            id = Id, username = Username, displayName = "Sehore Administrator", role = "Admin", password = Password, regionIds = new[] { sehore },
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
