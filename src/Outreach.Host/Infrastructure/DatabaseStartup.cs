using Dapper;
using Mediator;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Outreach.Cases.People;
using Outreach.Db;
using Outreach.Organization.Demo;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;
using Outreach.Surveys.Demo;

namespace Outreach.Host.Infrastructure;

public sealed class DemoDataOptions
{
    public const string Section = "DemoData";

    /// <summary>Seed the demo NGO at start-up. Development only: the demo logins share a published password.</summary>
    public bool Enabled { get; set; }
}

public static partial class DatabaseStartup
{
    public static void Migrate(DatabaseOptions options)
    {
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            using var connection = new SqliteConnection(ConnectionFactory.WithSqliteDefaults(options.ConnectionString));
            connection.Open();
            connection.Execute("PRAGMA journal_mode=WAL;");
        }
        Migrations.MigrateUp(options.Provider, options.ConnectionString);
    }

    public static async Task<IReadOnlyList<DemoLogin>> SeedDemoDataAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var logins = await RunAsSystemAsync(services, new SeedDemoData(), cancellationToken);
        // A demo coordinator deactivated or given another role is no longer the demo's to act as.
        if (logins.SingleOrDefault(l => l.Username == "coordinator" && l.Active && l.Role == Roles.Coordinator) is { } coordinator)
        {
            // As the demo coordinator without signing in: checking a password is deliberately slow, and start-up waits for this.
            await RunAsAsync(services, new ActingUser(coordinator.UserId, coordinator.Role), new SeedSurveyDemoData(), cancellationToken);
        }
        return logins;
    }

    private static Task<T> RunAsSystemAsync<T>(IServiceProvider services, Mediator.ICommand<T> command, CancellationToken cancellationToken) =>
        RunAsAsync(services, new SystemUser(), command, cancellationToken);

    private static async Task<T> RunAsAsync<T>(IServiceProvider services, ICurrentUser caller, Mediator.ICommand<T> command, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CallerContext>().RunAs(caller);
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command, cancellationToken);
    }

    public static async Task PrepareAsync(WebApplication app)
    {
        var database = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (database.MigrateOnStart) Migrate(database);
        await RunAsSystemAsync(app.Services, new RefreshPersonSearchKeys(), app.Lifetime.ApplicationStopping);

        if (!app.Services.GetRequiredService<IOptions<DemoDataOptions>>().Value.Enabled) return;
        var logins = await SeedDemoDataAsync(app.Services, app.Lifetime.ApplicationStopping);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Outreach.Demo");
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            LogDemo(logger, string.Join(", ", app.Urls), SeedDemoData.Password);
            foreach (var login in logins) LogLogin(logger, login.Username, login.Role, login.Scope);
        });
    }

    [LoggerMessage(LogLevel.Warning, "Outreach is running at {Urls} with demo data. Sign in with one of these usernames and the password {Password}:")]
    private static partial void LogDemo(ILogger logger, string urls, string password);

    [LoggerMessage(LogLevel.Warning, "  {Username,-16} {Role,-15} {Scope}")]
    private static partial void LogLogin(ILogger logger, string username, string role, string scope);
}

/// <summary>Ready when the database answers and carries the schema.</summary>
public sealed class DatabaseHealthCheck(ConnectionFactory factory) : IHealthCheck
{
    // FluentMigrator creates the version table with a quoted, mixed-case name.
    internal const string AppliedMigrationsSql = "SELECT COUNT(*) FROM \"VersionInfo\"";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await factory.OpenAsync(cancellationToken);
            var migrations = await connection.ExecuteScalarAsync<long>(new CommandDefinition(AppliedMigrationsSql, cancellationToken: cancellationToken));
            return HealthCheckResult.Healthy($"{factory.Provider}, {migrations} migrations applied");
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"{factory.Provider} is not reachable or not migrated: {ex.Message}");
        }
    }
}
