using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Outreach.IntegrationTests.Infrastructure;

namespace Outreach.IntegrationTests.Platform;

/// <summary>What the host serves around the use cases: health, the API description, the jobs dashboard, headers and error pages.</summary>
public abstract class HostEndpointTests(IOutreachApp app)
{
    private static HttpRequestMessage Page(string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        return request;
    }

    private static string PathOf(Uri location) => location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_probes_answer_healthy(string path)
    {
        using var anonymous = app.Anonymous();
        var response = await anonymous.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_openapi_document_lists_the_village_list_and_the_bearer_scheme()
    {
        using var anonymous = app.Anonymous();
        var response = await anonymous.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = document.RootElement;

        Assert.StartsWith("3.", root.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = root.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/villages", out var villages), "no /api/v1/villages in " + string.Join(", ", paths.EnumerateObject().Select(p => p.Name)));
        Assert.True(villages.TryGetProperty("get", out _));
        Assert.True(paths.TryGetProperty("/api/v1/auth/tokens", out _));

        var bearer = root.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", bearer.GetProperty("type").GetString());
        Assert.Equal("bearer", bearer.GetProperty("scheme").GetString());
        Assert.Contains(root.GetProperty("security").EnumerateArray(), requirement => requirement.TryGetProperty("Bearer", out _));
    }

    [Fact]
    public async Task The_scalar_reference_answers()
    {
        using var anonymous = app.Anonymous();
        var response = await anonymous.GetAsync("/scalar");
        if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.MovedPermanently or HttpStatusCode.Found)
        {
            var target = new Uri(response.RequestMessage!.RequestUri!, response.Headers.Location!);
            Assert.StartsWith("/scalar", target.AbsolutePath, StringComparison.Ordinal);
            response = await anonymous.GetAsync(target);
        }
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Outreach API", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_jobs_dashboard_is_for_signed_in_admins_only()
    {
        using var anonymous = app.Anonymous();
        var challenge = await anonymous.GetAsync("/jobs");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        Assert.StartsWith("/Account/Login", PathOf(challenge.Headers.Location!), StringComparison.Ordinal);

        var workerId = await app.UserId("worker");
        var deniedBefore = await RouteDenials(workerId);
        using var worker = await Ui.SignInAsync(app, "worker");
        var forbid = await worker.GetAsync("/jobs");
        Assert.Equal(HttpStatusCode.Redirect, forbid.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", PathOf(forbid.Headers.Location!), StringComparison.Ordinal);
        var deniedPage = await worker.GetAsync(forbid.Headers.Location);
        Assert.Equal(HttpStatusCode.Forbidden, deniedPage.StatusCode);
        Assert.DoesNotContain("Hangfire", await deniedPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(deniedBefore + 1, await RouteDenials(workerId));

        using var admin = await Ui.SignInAsync(app, "admin");
        var dashboard = await admin.GetAsync("/jobs");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("Hangfire", await dashboard.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private Task<long> RouteDenials(Guid userId) => app.WithDb(db => db.ExecuteScalarAsync<long>(
        "SELECT COUNT(*) FROM shared_audit_log WHERE user_id = @UserId AND action LIKE 'GET %' AND detail LIKE '%/jobs%' AND entity = 'route' AND outcome = 'denied'",
        new { UserId = userId }));

    [Fact]
    public async Task Security_headers_are_on_pages_api_problems_and_error_pages()
    {
        using var anonymous = app.Anonymous();
        var login = await anonymous.SendAsync(Page("/Account/Login"));
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        AssertSecurityHeaders(login);

        using var api = await app.ApiAs("admin");
        var problem = await api.GetAsync($"/api/v1/regions/{Guid.CreateVersion7()}");
        await problem.Problem(HttpStatusCode.NotFound);
        AssertSecurityHeaders(problem);

        using var browser = await Ui.SignInAsync(app, "admin");
        var errorPage = await browser.SendAsync(Page($"/Regions?parentId={Guid.CreateVersion7()}"));
        Assert.Equal(HttpStatusCode.NotFound, errorPage.StatusCode);
        AssertSecurityHeaders(errorPage);

        var unknown = await browser.SendAsync(Page("/No/Such/Page"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        AssertSecurityHeaders(unknown);
    }

    [Fact]
    public async Task Responses_naming_people_are_never_stored_by_a_browser_or_proxy_and_static_files_still_cache()
    {
        using var api = await app.ApiAs("worker");
        using var browser = await Ui.SignInAsync(app, "worker");
        using var anonymous = app.Anonymous();
        var partial = Page("/People?handler=Results&text=a");
        partial.Headers.Add("HX-Request", "true");
        var personal = new Dictionary<string, HttpResponseMessage>
        {
            ["API people"] = await api.GetAsync("/api/v1/people?text=a"),
            ["API caseload"] = await api.GetAsync("/api/v1/caseload"),
            ["API problem"] = await api.GetAsync($"/api/v1/people/{Guid.CreateVersion7()}"),
            ["people page"] = await browser.SendAsync(Page("/People")),
            ["people partial"] = await browser.SendAsync(partial),
            ["caseload page"] = await browser.SendAsync(Page("/People/Caseload")),
            ["provider referral page"] = await anonymous.SendAsync(Page("/Referral/ABCDEFGH")),
            ["referral code API"] = await anonymous.GetAsync("/api/v1/referral-codes/ABCDEFGH"),
        };
        foreach (var (name, response) in personal)
        {
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"{name} ({(int)response.StatusCode}) sent Cache-Control: {response.Headers.CacheControl}");
        }

        var css = await browser.GetAsync("/css/site.css");
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.NotEqual(true, css.Headers.CacheControl?.NoStore);
        Assert.False(css.Headers.Contains("Strict-Transport-Security"), "HSTS is for production only");
    }

    [Fact]
    public async Task An_unknown_page_is_a_404()
    {
        using var anonymous = app.Anonymous();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.SendAsync(Page("/Nowhere"))).StatusCode);

        using var browser = await Ui.SignInAsync(app, "worker");
        var response = await browser.SendAsync(Page("/Regions/Nowhere"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_page_asking_for_a_missing_region_renders_the_html_error_page_as_a_404()
    {
        using var browser = await Ui.SignInAsync(app, "worker");
        var response = await browser.SendAsync(Page($"/Regions?parentId={Guid.CreateVersion7()}"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<h1>Not found</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Back to the start page", html, StringComparison.Ordinal);
        Assert.DoesNotContain("\"traceId\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", html, StringComparison.Ordinal);

        var vidisha = await app.RegionId("Vidisha");
        var outOfScope = await browser.SendAsync(Page($"/Regions?parentId={vidisha}"));
        var outOfScopeHtml = await outOfScope.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.NotFound, outOfScope.StatusCode);
        Assert.Contains("<h1>Not found</h1>", outOfScopeHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Vidisha", outOfScopeHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_home_page_shows_a_worker_the_coverage_of_Sehore()
    {
        using var browser = await Ui.SignInAsync(app, "worker");
        var response = await browser.SendAsync(Page("/"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Namaste, Sunita Yadav", html, StringComparison.Ordinal);
        Assert.Contains($"/Regions?parentId={await app.RegionId("Sehore")}\">Sehore</a>", html, StringComparison.Ordinal);
        Assert.Contains("<strong>2</strong> Blocks", html, StringComparison.Ordinal);
        Assert.Contains("<strong>7</strong> Villages", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Vidisha", html, StringComparison.Ordinal);
    }
}

[Collection(HostTests.Name)]
public sealed class SqliteHostEndpointTests(SqliteApp app) : HostEndpointTests(app);

[Collection(HostTests.Name)]
public sealed class PostgresHostEndpointTests(PostgresApp app) : HostEndpointTests(app);

[Collection(HostTests.Name)]
public sealed class SqlServerHostEndpointTests(SqlServerApp app) : HostEndpointTests(app);
