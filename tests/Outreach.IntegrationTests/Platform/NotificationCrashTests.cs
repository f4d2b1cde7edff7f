using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Dapper;
using Microsoft.Extensions.Options;
using Outreach.IntegrationTests.Infrastructure;
using Outreach.Organization.Demo;
using Outreach.Shared.Data;

namespace Outreach.IntegrationTests.Platform;

/// <summary>
/// Real host processes on one database: a host killed between a command's commit and the delivery of its notifications
/// leaves them to the next host, and two hosts delivering side by side never deliver the same notification twice.
/// </summary>
public abstract class NotificationCrashTests<TDatabase> : IAsyncLifetime where TDatabase : TestDatabase, new()
{
    private readonly TDatabase database = new();
    private readonly string keys = Directory.CreateTempSubdirectory("outreach-keys-").FullName;

    public async ValueTask InitializeAsync() => await database.CreateAsync();

    public async ValueTask DisposeAsync()
    {
        await database.DisposeAsync();
        Directory.Delete(keys, recursive: true);
        GC.SuppressFinalize(this);
    }

    private Dictionary<string, string> Settings(bool deliverAfterCommit, string pollInterval) => new()
    {
        ["Database:Provider"] = database.Provider.ToString(),
        ["Database:ConnectionString"] = database.ConnectionString,
        ["DemoData:Enabled"] = "true",
        ["Jobs:RunServer"] = "false",
        ["DataProtection:KeysFolder"] = keys,
        ["RateLimits:SignInPerMinute"] = "100000",
        ["Serilog:MinimumLevel:Default"] = "Warning",
        ["Notifications:DeliverAfterCommit"] = deliverAfterCommit ? "true" : "false",
        ["Notifications:PollInterval"] = pollInterval,
    };

    private async Task<T> Query<T>(string sql, object? args = null)
    {
        using var factory = new ConnectionFactory(Options.Create(new DatabaseOptions { Provider = database.Provider, ConnectionString = database.ConnectionString }));
        await using var connection = await factory.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<T>(factory.Dialect.Render(sql), args) ?? throw new InvalidOperationException("No value.");
    }

    private static async Task<HttpClient> SignIn(HostProcess host, string username)
    {
        var client = host.Client();
        var token = await (await client.PostJson("/api/v1/auth/tokens", new { username, password = SeedDemoData.Password, deviceName = "crash test" }))
            .Read<TokenBody>(HttpStatusCode.Created);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        return client;
    }

    /// <summary>A person in Kotri and a visit to them that found no clinic: a VisitRecorded with gap evidence to deliver.</summary>
    private async Task<Guid> RecordVisit(HttpClient worker)
    {
        var kotri = await Query<Guid>("SELECT id FROM org_region WHERE name = 'Kotri'");
        var person = await (await worker.PostJson("/api/v1/people", new
        {
            id = Guid.CreateVersion7(), villageId = kotri, givenName = "Sunita", consentedPurposes = new[] { "CaseWork" }, consentMethod = "Verbal",
        })).Read<Created>(HttpStatusCode.Created);
        var visit = await (await worker.PostJson($"/api/v1/people/{person.Id}/visits", new
        {
            id = Guid.CreateVersion7(), villageId = kotri, visitedOn = DateOnly.FromDateTime(DateTime.UtcNow), purpose = "check-in",
            gapCategories = new[] { "clinic" },
        })).Read<Created>(HttpStatusCode.Created);
        return visit.Id;
    }

    private Task<long> Undelivered() => Query<long>("SELECT COUNT(*) FROM shared_notification_delivery WHERE delivered_at IS NULL");

    private async Task WaitUntilAllDelivered(params HostProcess[] hosts)
    {
        var waited = Stopwatch.StartNew();
        while (await Undelivered() > 0)
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(60))
            {
                Assert.Fail($"Deliveries still waiting after 60 s.{Environment.NewLine}{string.Join(Environment.NewLine, hosts.Select(h => h.Output))}");
            }
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task A_host_killed_after_commit_and_before_delivery_leaves_the_notification_to_the_next_host()
    {
        database.RequireAvailable();
        Guid visitId;
        long waitingAtKill;
        await using (var first = await HostProcess.StartAsync(Settings(deliverAfterCommit: false, pollInterval: "01:00:00")))
        {
            using var worker = await SignIn(first, "worker");
            visitId = await RecordVisit(worker);
            waitingAtKill = await Undelivered();
            await first.KillAsync();
        }
        var evidenceAtKill = await Query<long>("SELECT COUNT(*) FROM surveys_visit_evidence WHERE visit_id = @VisitId", new { VisitId = visitId });

        await using var second = await HostProcess.StartAsync(Settings(deliverAfterCommit: true, pollInterval: "00:00:01"));
        await WaitUntilAllDelivered(second);

        Assert.True(waitingAtKill >= 2, $"The visit's notification should wait for its subscribers when the host dies; {waitingAtKill} waited.");
        Assert.Equal(0, evidenceAtKill);
        Assert.Equal(1, await Query<long>("SELECT COUNT(*) FROM surveys_visit_evidence WHERE visit_id = @VisitId", new { VisitId = visitId }));
        Assert.Equal(0, await Query<long>("SELECT COUNT(*) FROM shared_notification_delivery WHERE attempts <> 1"));
    }

    [Fact]
    public async Task Two_hosts_on_one_database_deliver_every_notification_once()
    {
        database.RequireAvailable();
        await using var first = await HostProcess.StartAsync(Settings(deliverAfterCommit: false, pollInterval: "00:00:01"));
        await using var second = await HostProcess.StartAsync(Settings(deliverAfterCommit: false, pollInterval: "00:00:01"));
        using var workerOnFirst = await SignIn(first, "worker");
        using var workerOnSecond = await SignIn(second, "worker");

        var visits = new List<Guid>();
        for (var i = 0; i < 6; i++) visits.Add(await RecordVisit(i % 2 == 0 ? workerOnFirst : workerOnSecond));
        await WaitUntilAllDelivered(first, second);

        Assert.Equal(visits.Count, await Query<long>("SELECT COUNT(*) FROM surveys_visit_evidence WHERE category = 'clinic'"));
        Assert.Equal(0, await Query<long>("SELECT COUNT(*) FROM shared_notification_delivery WHERE attempts <> 1"));
    }

    private sealed record TokenBody(string Token);

    private sealed record Created(Guid Id);
}

public sealed class SqliteNotificationCrashTests : NotificationCrashTests<SqliteTestDatabase>;

public sealed class PostgresNotificationCrashTests : NotificationCrashTests<PostgresTestDatabase>;
