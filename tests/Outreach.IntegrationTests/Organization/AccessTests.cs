using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Outreach.IntegrationTests.Infrastructure;
using Outreach.Organization.Demo;

namespace Outreach.IntegrationTests.Organization;

/// <summary>Signing in for an API token, lockout, revocation, and what the API accepts as proof of who is calling.</summary>
public abstract class AccessTests(IOutreachApp app)
{
    private sealed record Me(Guid Id, string Username, string Role);

    private sealed record SignInRow
    {
        public Guid? UserId { get; init; }
        public required string Outcome { get; init; }
        public string? Detail { get; init; }
    }

    [Fact]
    public async Task The_right_password_gets_a_token_that_works_on_me()
    {
        var response = await Accounts.RequestTokenAsync(app, "worker", SeedDemoData.Password, "Sunita phone");
        var issued = await response.Read<Accounts.Issued>(HttpStatusCode.Created);

        Assert.StartsWith("otr_", issued.Token, StringComparison.Ordinal);
        Assert.Equal("Sunita phone", issued.Name);
        Assert.InRange(issued.ExpiresAt, DateTimeOffset.UtcNow.AddDays(89), DateTimeOffset.UtcNow.AddDays(91));

        using var client = Accounts.Bearer(app, issued.Token);
        var me = await (await client.GetAsync("/api/v1/me")).Read<Me>();
        Assert.Equal("worker", me.Username);
        Assert.Equal("OutreachWorker", me.Role);
        Assert.Equal(await app.UserId("worker"), me.Id);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_user_get_the_same_401()
    {
        var user = await Accounts.CreateAsync(app, "wrongpw");

        var wrong = await (await Accounts.RequestTokenAsync(app, user.Username, "not-the-password-at-all")).Problem(HttpStatusCode.Unauthorized);
        var unknown = await (await Accounts.RequestTokenAsync(app, Accounts.UniqueName("nobody"), Accounts.Password)).Problem(HttpStatusCode.Unauthorized);

        Assert.Equal("Sign-in failed", wrong.GetProperty("title").GetString());
        Assert.Equal(wrong.GetProperty("title").GetString(), unknown.GetProperty("title").GetString());
        Assert.Equal(wrong.GetProperty("detail").GetString(), unknown.GetProperty("detail").GetString());
        Assert.DoesNotContain(user.Username, wrong.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_five_wrong_passwords_the_right_one_is_refused_and_all_of_it_is_audited()
    {
        var user = await Accounts.CreateAsync(app, "lockout");

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await (await Accounts.RequestTokenAsync(app, user.Username, $"wrong-password-{attempt}")).Problem(HttpStatusCode.Unauthorized);
        }
        var refused = await (await Accounts.RequestTokenAsync(app, user.Username, Accounts.Password)).Problem(HttpStatusCode.Unauthorized);
        Assert.Equal("Sign-in failed", refused.GetProperty("title").GetString());

        var rows = await app.WithDb(db => db.QueryAsync<SignInRow>(
            "SELECT user_id, outcome, detail FROM shared_audit_log WHERE action = 'SignIn' AND entity_id = @Id", new { user.Id }));
        Assert.Equal(5, rows.Count(r => r.Detail == "Failed: wrong password"));
        Assert.Single(rows, r => r.Detail == "LockedOut: account locked");
        Assert.Equal(6, rows.Count);
        Assert.All(rows, r => Assert.Equal("denied", r.Outcome));
        Assert.All(rows, r => Assert.Null(r.UserId));

        var lockedUntil = await app.WithDb(db => db.QuerySingleOrDefaultAsync<DateTimeOffset?>(
            "SELECT locked_until FROM org_user WHERE id = @Id", new { user.Id }));
        Assert.NotNull(lockedUntil);
        Assert.True(lockedUntil > DateTimeOffset.UtcNow.AddMinutes(10), $"locked until {lockedUntil}");

        using var admin = await app.ApiAs("admin");
        var seen = await (await admin.GetAsync($"/api/v1/users/{user.Id}")).Read<JsonElement>();
        Assert.True(seen.GetProperty("isLockedOut").GetBoolean());
    }

    [Fact]
    public async Task A_revoked_token_is_refused_on_the_next_request()
    {
        var user = await Accounts.CreateAsync(app, "revoke");
        var doomed = await Accounts.IssueAsync(app, user.Username, deviceName: "lost phone");
        var kept = await Accounts.IssueAsync(app, user.Username, deviceName: "desk");

        // Used often enough that its lookup is a prepared statement on a pooled connection that is not reset.
        using var lost = Accounts.Bearer(app, doomed.Token);
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.OK, (await lost.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(5L, await app.WithDb(db => db.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM shared_audit_log WHERE user_id = @UserId AND entity = 'user' AND entity_id = @UserId AND outcome = 'allowed'", new { UserId = user.Id })));

        using var desk = Accounts.Bearer(app, kept.Token);
        Assert.Equal(HttpStatusCode.NoContent, (await desk.DeleteAsync($"/api/v1/auth/tokens/{doomed.Id}")).StatusCode);

        await (await lost.GetAsync("/api/v1/me")).Problem(HttpStatusCode.Unauthorized);
        await (await lost.GetAsync("/api/v1/me")).Problem(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await desk.GetAsync("/api/v1/me")).StatusCode);

        var listed = await (await desk.GetAsync("/api/v1/auth/tokens")).Read<List<JsonElement>>();
        var revoked = Assert.Single(listed, t => t.GetProperty("id").GetGuid() == doomed.Id);
        Assert.Equal(JsonValueKind.String, revoked.GetProperty("revokedAt").ValueKind);
    }

    [Fact]
    public async Task Revoking_someone_elses_token_is_a_404_and_leaves_it_working()
    {
        var owner = await Accounts.CreateAsync(app, "owner");
        var other = await Accounts.CreateAsync(app, "other");
        var theirs = await Accounts.IssueAsync(app, owner.Username);
        var mine = await Accounts.IssueAsync(app, other.Username);

        using var intruder = Accounts.Bearer(app, mine.Token);
        await (await intruder.DeleteAsync($"/api/v1/auth/tokens/{theirs.Id}")).Problem(HttpStatusCode.NotFound);
        await (await intruder.DeleteAsync($"/api/v1/auth/tokens/{Guid.CreateVersion7()}")).Problem(HttpStatusCode.NotFound);

        using var victim = Accounts.Bearer(app, theirs.Token);
        Assert.Equal(HttpStatusCode.OK, (await victim.GetAsync("/api/v1/me")).StatusCode);
        var revokedAt = await app.WithDb(db => db.QuerySingleOrDefaultAsync<DateTimeOffset?>(
            "SELECT revoked_at FROM org_api_token WHERE id = @Id", new { theirs.Id }));
        Assert.Null(revokedAt);
    }

    [Fact]
    public async Task No_token_is_a_401_bearer_challenge()
    {
        using var anonymous = app.Anonymous();
        var response = await anonymous.GetAsync("/api/v1/me");
        var problem = await response.Problem(HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_garbage_token_is_a_401()
    {
        foreach (var garbage in new[] { "otr_" + new string('x', 43), "not-a-token", "otr_" + new string('a', 200) })
        {
            using var client = Accounts.Bearer(app, garbage);
            var response = await client.GetAsync("/api/v1/regions");
            await response.Problem(HttpStatusCode.Unauthorized);
            Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        }
    }

    [Fact]
    public async Task A_browser_session_cookie_does_not_open_the_api()
    {
        using var browser = await Ui.SignInAsync(app, "worker");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Villages")).StatusCode);

        await (await browser.GetAsync("/api/v1/me")).Problem(HttpStatusCode.Unauthorized);
        await (await browser.GetAsync("/api/v1/villages")).Problem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Listing_tokens_shows_only_your_own_and_never_the_secret()
    {
        var user = await Accounts.CreateAsync(app, "lister");
        var first = await Accounts.IssueAsync(app, user.Username, deviceName: "phone");
        var second = await Accounts.IssueAsync(app, user.Username, deviceName: "script");
        var someoneElses = await Accounts.IssueAsync(app, "worker", SeedDemoData.Password);

        using var client = Accounts.Bearer(app, second.Token);
        var response = await client.GetAsync("/api/v1/auth/tokens");
        var body = await response.Content.ReadAsStringAsync();
        var listed = await response.Read<List<JsonElement>>();

        Assert.Equal(new[] { second.Id, first.Id }, listed.Select(t => t.GetProperty("id").GetGuid()));
        Assert.Equal(new[] { "script", "phone" }, listed.Select(t => t.GetProperty("name").GetString()));
        Assert.DoesNotContain(someoneElses.Id.ToString(), body, StringComparison.OrdinalIgnoreCase);
        foreach (var token in new[] { first.Token, second.Token })
        {
            Assert.DoesNotContain(token, body, StringComparison.Ordinal);
            Assert.DoesNotContain(Sha256(token), body, StringComparison.OrdinalIgnoreCase);
        }
        Assert.All(listed, t => Assert.Equal(
            new[] { "createdAt", "expiresAt", "id", "name", "revokedAt" },
            t.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)));
    }

    [Fact]
    public async Task A_signed_in_session_ends_when_the_account_is_deactivated_and_follows_a_role_change()
    {
        var user = await Accounts.CreateAsync(app, "session", "OutreachWorker");
        using var browser = await Ui.SignInAsync(app, user.Username, Accounts.Password);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/People")).StatusCode);

        await app.WithDb(db => db.ExecuteAsync("UPDATE org_user SET role = 'Manager' WHERE id = @Id", new { user.Id }));
        var asManager = await browser.GetAsync("/People");
        await app.WithDb(db => db.ExecuteAsync("UPDATE org_user SET is_active = {false} WHERE id = @Id", new { user.Id }));
        var deactivated = await browser.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, asManager.StatusCode);
        Assert.Contains("/Account/AccessDenied", asManager.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);
        Assert.Contains("/Account/Login", deactivated.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    private static string Sha256(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

[Collection(HostTests.Name)]
public sealed class SqliteAccessTests(SqliteApp app) : AccessTests(app);

[Collection(HostTests.Name)]
public sealed class PostgresAccessTests(PostgresApp app) : AccessTests(app);

[Collection(HostTests.Name)]
public sealed class SqlServerAccessTests(SqlServerApp app) : AccessTests(app);
