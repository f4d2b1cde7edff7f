using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Outreach.Organization.Contracts;
using Outreach.Shared.Data;

namespace Outreach.IntegrationTests.Infrastructure;

/// <summary>Looks up the demo NGO's ids through the database, so tests can aim at known regions and users.</summary>
public static class Demo
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static Task<Guid> RegionId(this IOutreachApp app, string name) =>
        app.WithDb(db => db.ExecuteScalarAsync<Guid>("SELECT id FROM org_region WHERE name = @Name", new { Name = name }));

    public static Task<Guid> UserId(this IOutreachApp app, string username) =>
        app.WithDb(db => db.ExecuteScalarAsync<Guid>("SELECT id FROM org_user WHERE normalized_username = @Name", new { Name = username.ToUpperInvariant() }));

    public static Task<long> Count(this IOutreachApp app, string table) =>
        app.WithDb(db => db.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}"));

    public static async Task<T> Read<T>(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<T>(body, Json)!;
    }

    public static async Task<JsonElement> Problem(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        return JsonDocument.Parse(body).RootElement;
    }

    public static Task<HttpResponseMessage> PostJson(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body, Json);

    public static Task<HttpResponseMessage> PutJson(this HttpClient client, string url, object body) =>
        client.PutAsJsonAsync(url, body, Json);

    public static Task<HttpResponseMessage> PostRaw(this HttpClient client, string url, string json) =>
        client.PostAsync(url, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

    public sealed record RegionBody(Guid Id, Guid? ParentId, RegionLevel Level, string Name, string? LocalName, int Version, int ChildCount);

    public sealed record VillagePage(List<VillageItem> Items, int Total);

    public sealed record VillageItem(Guid Id, string Name, string? LocalName, string BlockName, string DistrictName);

    public sealed record UserBody(Guid Id, string Username, string Role, int Version);

    public sealed record UserPage(List<UserBody> Items, int Total);

    public static string ProviderName(this IOutreachApp app) => app.Provider switch
    {
        DatabaseProvider.Postgres => "PostgreSQL",
        DatabaseProvider.SqlServer => "SQL Server",
        _ => "SQLite",
    };
}
