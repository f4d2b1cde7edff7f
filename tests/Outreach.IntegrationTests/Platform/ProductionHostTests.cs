using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Outreach.IntegrationTests.Infrastructure;
using Outreach.Organization.Demo;
using Serilog.Core;
using Serilog.Events;

namespace Outreach.IntegrationTests.Platform;

/// <summary>Every event the host logged, at Information and above, kept for tests of what the log says.</summary>
public sealed class CapturedLogs : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> events = new();

    public int Count => events.Count;

    public IReadOnlyList<LogEvent> Since(int start) => [.. events.Skip(start)];

    public void Emit(LogEvent logEvent) => events.Enqueue(logEvent);
}

/// <summary>The host as it runs in production (environment Production, HSTS, a tight referral-code budget), on its own SQLite file.</summary>
public sealed class ProductionHost : IAsyncLifetime
{
    public const int ReferralCodesPerMinute = 3;

    private readonly SqliteTestDatabase database = new();
    private readonly string keys = Directory.CreateTempSubdirectory("outreach-keys-").FullName;
    private WebApplicationFactory<Program>? factory;

    public CapturedLogs Logs { get; } = new();

    public async ValueTask InitializeAsync()
    {
        await database.CreateAsync();
        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            host.UseEnvironment("Production");
            host.UseSetting("Database:Provider", database.Provider.ToString());
            host.UseSetting("Database:ConnectionString", database.ConnectionString);
            host.UseSetting("DemoData:Enabled", "true");
            host.UseSetting("Jobs:RunServer", "false");
            host.UseSetting("DataProtection:KeysFolder", keys);
            host.UseSetting("RateLimits:SignInPerMinute", "100000");
            host.UseSetting("RateLimits:ReferralCodesPerMinute", ReferralCodesPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
            host.UseSetting("Serilog:MinimumLevel:Default", "Information");
            host.ConfigureServices(services => services.AddSingleton<ILogEventSink>(Logs));
        });
        _ = factory.Server;
    }

    /// <summary>A client that reaches the host over https under a public name, as a browser behind the production proxy does.</summary>
    public HttpClient Https() => factory!.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("https://outreach.example.org"), AllowAutoRedirect = false,
    });

    public HttpClient Http() => factory!.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("http://outreach.example.org"), AllowAutoRedirect = false,
    });

    public async Task<HttpClient> ApiAs(string username)
    {
        var client = Https();
        var response = await client.PostAsJsonAsync("/api/v1/auth/tokens", new { username, password = SeedDemoData.Password, deviceName = "tests" });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (factory is not null) await factory.DisposeAsync();
        await database.DisposeAsync();
        try { Directory.Delete(keys, recursive: true); } catch (IOException) { }
    }
}

[Collection(HostTests.Name)]
public sealed class ProductionHostTests(ProductionHost host) : IClassFixture<ProductionHost>
{
    [Fact]
    public async Task Production_sends_HSTS_over_https_only()
    {
        using var https = host.Https();
        var secure = await https.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
        var hsts = Assert.Single(secure.Headers.GetValues("Strict-Transport-Security"));
        Assert.Contains("max-age=31536000", hsts, StringComparison.Ordinal);

        using var http = host.Http();
        var plain = await http.GetAsync("/health/live");
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"), "HSTS is only meaningful, and only allowed, over https");
    }

    [Fact]
    public async Task A_request_answered_400_or_404_is_logged_with_that_status_and_not_as_an_error()
    {
        using var api = await host.ApiAs("worker");
        using var browser = host.Https();
        var signIn = await Ui.PostFormAsync(browser, "/Account/Login", new() { ["Username"] = "worker", ["Password"] = SeedDemoData.Password });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var start = host.Logs.Count;
        var missing = await api.GetAsync($"/api/v1/people/{Guid.CreateVersion7()}");
        var malformed = await api.PostAsync("/api/v1/people", new StringContent("{\"villageId\": ", System.Text.Encoding.UTF8, "application/json"));
        var page = new HttpRequestMessage(HttpMethod.Get, $"/People/{Guid.CreateVersion7()}");
        page.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        var missingPage = await browser.SendAsync(page);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missingPage.StatusCode);

        var logged = host.Logs.Since(start);
        foreach (var (path, sent) in new[] { ("/api/v1/people/", 404), ("/api/v1/people", 400), ("/People/", 404) })
        {
            var line = Assert.Single(logged, e => e.Properties.TryGetValue("RequestPath", out var p) && p is ScalarValue { Value: string s }
                && (path.EndsWith('/') ? s.StartsWith(path, StringComparison.Ordinal) : s == path) && e.Properties.ContainsKey("StatusCode"));
            Assert.Equal(sent, (int)((ScalarValue)line.Properties["StatusCode"]).Value!);
            Assert.Equal(LogEventLevel.Warning, line.Level);
            Assert.Null(line.Exception);
        }
        Assert.DoesNotContain(logged, e => e.Level >= LogEventLevel.Error);
        Assert.DoesNotContain(logged, e => e.Exception is not null);
    }

    [Fact]
    public async Task Referral_code_lookups_from_one_address_are_limited_per_minute_with_a_429_problem()
    {
        using var provider = host.Https();
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < ProductionHost.ReferralCodesPerMinute; i++)
        {
            var url = i % 2 == 0 ? "/api/v1/referral-codes/ABCDEFGH" : "/Referral/ABCDEFGH";
            answers.Add((await provider.GetAsync(url)).StatusCode);
        }
        Assert.All(answers, status => Assert.Equal(HttpStatusCode.NotFound, status));

        var refused = await provider.GetAsync("/api/v1/referral-codes/ABCDEFGH");
        var problem = await refused.Problem(HttpStatusCode.TooManyRequests);
        Assert.Equal("Too many requests", problem.GetProperty("title").GetString());
        Assert.Equal("60", Assert.Single(refused.Headers.GetValues("Retry-After")));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await provider.GetAsync("/Referral/ABCDEFGH")).StatusCode);

        using var worker = await host.ApiAs("worker");
        Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync("/api/v1/caseload")).StatusCode);
    }
}
