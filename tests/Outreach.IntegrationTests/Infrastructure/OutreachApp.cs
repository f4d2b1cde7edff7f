using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Host.Infrastructure;
using Outreach.Organization.Demo;
using Outreach.Shared.Data;
using Outreach.Shared.Notifications;
using Outreach.Shared.Security;
using Outreach.Cases.Contracts;

namespace Outreach.IntegrationTests.Infrastructure;

/// <summary>The real host on a real database, seeded with the demo NGO. One per provider, shared by the host test collection.</summary>
public interface IOutreachApp
{
    TestDatabase Db { get; }
    DatabaseProvider Provider { get; }
    IServiceProvider Services { get; }
    RaisedNotifications Notifications { get; }
    SubscriberProbe Probe { get; }
    HttpClient Anonymous();
    Task<HttpClient> ApiAs(string username, string password = SeedDemoData.Password);
    Task<T> SendAs<T>(ICurrentUser caller, IRequest<T> request);
    Task<T> SendAs<T>(ICurrentUser caller, ICommand<T> command);
    Task<T> SendAs<T>(ICurrentUser caller, IQuery<T> query);
    Task<T> WithDb<T>(Func<DbSession, Task<T>> work);
}

public abstract class OutreachApp<TDatabase> : IOutreachApp, IAsyncLifetime
    where TDatabase : TestDatabase, new()
{
    private readonly Dictionary<string, string> tokens = [];
    private WebApplicationFactory<Program>? factory;

    public TDatabase Database { get; } = new();
    public SubscriberProbe Probe { get; } = new();
    public RaisedNotifications Notifications => new(this);
    public TestDatabase Db => Database;
    public DatabaseProvider Provider => Database.Provider;

    public async ValueTask InitializeAsync()
    {
        await Database.CreateAsync();
        if (Database.Unavailable is not null) return;
        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            host.UseEnvironment("Testing");
            host.UseSetting("Database:Provider", Database.Provider.ToString());
            host.UseSetting("Database:ConnectionString", Database.ConnectionString);
            host.UseSetting("DemoData:Enabled", "true");
            host.UseSetting("Jobs:RunServer", "false");
            host.UseSetting("RateLimits:SignInPerMinute", "100000");
            host.UseSetting("RateLimits:ReferralCodesPerMinute", "100000");
            host.UseSetting("Serilog:MinimumLevel:Default", "Warning");
            // Tests run due deliveries themselves (NotificationDelivery.DeliverDueAsync), so the worker only polls at start.
            host.UseSetting("Notifications:PollInterval", "01:00:00");
            host.UseSetting("Notifications:MaxAttempts", "3");
            host.ConfigureServices(services => services.AddSingleton<INotificationHandler<VisitRecorded>>(Probe));
        });
        _ = factory.Server;
    }

    public WebApplicationFactory<Program> Factory
    {
        get
        {
            Database.RequireAvailable();
            return factory!;
        }
    }

    public IServiceProvider Services => Factory.Services;

    public HttpClient Anonymous() => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>An API client for a user, signed in through the real token endpoint (cached per user).</summary>
    public async Task<HttpClient> ApiAs(string username, string password = SeedDemoData.Password)
    {
        if (!tokens.TryGetValue(username, out var token))
        {
            using var anonymous = Anonymous();
            var response = await anonymous.PostAsJsonAsync("/api/v1/auth/tokens", new { username, password, deviceName = "tests" });
            response.EnsureSuccessStatusCode();
            token = (await response.Content.ReadFromJsonAsync<TokenBody>())!.Token;
            tokens[username] = token;
        }
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Send a request through the mediator as a background job would, with the given caller.</summary>
    public Task<T> SendAs<T>(ICurrentUser caller, IRequest<T> request) => Helpers.SendAs(Services, caller, s => s.Send(request));
    public Task<T> SendAs<T>(ICurrentUser caller, ICommand<T> command) => Helpers.SendAs(Services, caller, s => s.Send(command));
    public Task<T> SendAs<T>(ICurrentUser caller, IQuery<T> query) => Helpers.SendAs(Services, caller, s => s.Send(query));

    public async Task<T> WithDb<T>(Func<DbSession, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<DbSession>());
    }

    public async ValueTask DisposeAsync()
    {
        if (factory is not null) await factory.DisposeAsync();
        await Database.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private sealed record TokenBody(string Token);
}

/// <summary>Notifications stored by committed commands, of every module: what was announced, and what it carried.</summary>
public sealed class RaisedNotifications(IOutreachApp app)
{
    public Task<IReadOnlyList<T>> Of<T>() where T : INotification => app.WithDb(async db =>
    {
        var payloads = await db.QueryAsync<string>(
            "SELECT payload FROM shared_notification WHERE type = @Type ORDER BY raised_at, id", new { Type = NotificationOutbox.TypeName(typeof(T)) });
        return (IReadOnlyList<T>)[.. payloads.Select(p => JsonSerializer.Deserialize<T>(p, Demo.Json)!)];
    });
}

/// <summary>
/// A subscriber to <see cref="VisitRecorded"/> that tests can make fail for one visit a number of times; it counts every
/// delivery it received per visit, so a test can tell a retry from a second delivery.
/// </summary>
public sealed class SubscriberProbe : INotificationHandler<VisitRecorded>
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, int> failuresLeft = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, int> received = new();

    public void FailFor(Guid visitId, int times) => failuresLeft[visitId] = times;

    public int Received(Guid visitId) => received.GetValueOrDefault(visitId);

    public ValueTask Handle(VisitRecorded notification, CancellationToken cancellationToken)
    {
        if (failuresLeft.TryGetValue(notification.VisitId, out var left) && left > 0)
        {
            failuresLeft[notification.VisitId] = left - 1;
            throw new InvalidOperationException($"The probe was told to fail for visit {notification.VisitId}.");
        }
        received.AddOrUpdate(notification.VisitId, 1, (_, count) => count + 1);
        return ValueTask.CompletedTask;
    }
}

public static class Helpers
{
    /// <summary>Send through the mediator in a fresh scope as the given caller, the way a background job does.</summary>
    public static async Task<T> SendAs<T>(IServiceProvider services, ICurrentUser caller, Func<ISender, ValueTask<T>> send)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CallerContext>().RunAs(caller);
        return await send(scope.ServiceProvider.GetRequiredService<ISender>());
    }
}

public sealed class SqliteApp : OutreachApp<SqliteTestDatabase>;

public sealed class PostgresApp : OutreachApp<PostgresTestDatabase>;

public sealed class SqlServerApp : OutreachApp<SqlServerTestDatabase>;

/// <summary>Hangfire keeps process-wide state, so every test that starts the host runs in this one collection.</summary>
[CollectionDefinition(Name)]
public sealed class HostTests : ICollectionFixture<SqliteApp>, ICollectionFixture<PostgresApp>, ICollectionFixture<SqlServerApp>
{
    public const string Name = "host";
}
