using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Hangfire.Server;
using Mediator;
using Outreach.Cases.FollowUps;
using Outreach.Cases.Referrals;
using Outreach.Organization.Access;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;
using Outreach.Surveys.Gaps;
using Outreach.Surveys.Imports;

namespace Outreach.Host.Infrastructure;

public sealed class JobOptions
{
    public const string Section = "Jobs";

    public bool RunServer { get; set; } = true;
    public int WorkerCount { get; set; } = 2;
}

/// <summary>Hangfire jobs are thin adapters: open a scope, run as the system user, send one idempotent request with ids.</summary>
public sealed class MediatorJobs(IServiceScopeFactory scopes, IBackgroundJobClient jobs)
{
    private const int ImportRetries = 3;

    public Task PurgeStaleApiTokens(CancellationToken cancellationToken) => AsSystem(s => s.Send(new PurgeStaleApiTokens(), cancellationToken));

    public Task FlagOverdueFollowUps(CancellationToken cancellationToken) => AsSystem(s => s.Send(new FlagOverdueFollowUps(), cancellationToken));

    public Task EscalateUnansweredReferrals(CancellationToken cancellationToken) => AsSystem(s => s.Send(new EscalateUnansweredReferrals(), cancellationToken));

    public Task ProposeGaps(CancellationToken cancellationToken) => AsSystem(s => s.Send(new ProposeGaps(), cancellationToken));

    public Task DiscardImportFiles(CancellationToken cancellationToken) => AsSystem(s => s.Send(new DiscardImportFiles(), cancellationToken));

    /// <summary>Hangfire retries a failed run; the last of the runs fails the import with where it stopped.</summary>
    [AutomaticRetry(Attempts = ImportRetries)]
    public Task RunImport(Guid importId, PerformContext? context, CancellationToken cancellationToken) =>
        AsSystem(s => s.Send(new RunImport(importId, 1 + (context?.GetJobParameter<int>("RetryCount") ?? 0), ImportRetries + 1), cancellationToken));

    /// <summary>At start-up: imports that were queued or running when the process stopped go on from their checkpoints.</summary>
    public async Task ResumeImports(CancellationToken cancellationToken)
    {
        foreach (var unfinished in await AsSystem(s => s.Send(new ListUnfinishedImports(), cancellationToken))) ImportStarter.Enqueue(jobs, unfinished.Id);
    }

    private async Task<T> AsSystem<T>(Func<ISender, ValueTask<T>> send)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CallerContext>().RunAs(new SystemUser());
        return await send(scope.ServiceProvider.GetRequiredService<ISender>());
    }
}

/// <summary>The one place an import is queued: the command that queues it, then its job, for the API and the page alike.</summary>
public sealed class ImportStarter(ISender sender, IBackgroundJobClient jobs)
{
    public async Task<ImportView> StartAsync(Guid importId, CancellationToken cancellationToken)
    {
        var view = await sender.Send(new StartImport(importId), cancellationToken);
        if (view.Status == ImportStatuses.Queued) Enqueue(jobs, importId);
        return view;
    }

    public async Task<ImportView> ResumeAsync(Guid importId, CancellationToken cancellationToken)
    {
        var view = await sender.Send(new ResumeImport(importId), cancellationToken);
        Enqueue(jobs, importId);
        return view;
    }

    public static void Enqueue(IBackgroundJobClient jobs, Guid importId) => jobs.Enqueue<MediatorJobs>(j => j.RunImport(importId, null, CancellationToken.None));
}

public static class JobSetup
{
    public static IServiceCollection AddOutreachJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var jobs = configuration.GetSection(JobOptions.Section).Get<JobOptions>() ?? new JobOptions();
        services.AddHangfire(hangfire =>
        {
            hangfire.SetDataCompatibilityLevel(CompatibilityLevel.Version_180).UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings();
            switch (database.Provider)
            {
                case DatabaseProvider.Postgres:
                    hangfire.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(database.ConnectionString));
                    break;
                case DatabaseProvider.SqlServer:
                    hangfire.UseSqlServerStorage(database.ConnectionString);
                    break;
                default:
                    // No SQLite storage is available; durable work is kept as rows in the app database and re-enqueued at start.
                    hangfire.UseInMemoryStorage();
                    break;
            }
        });
        if (jobs.RunServer) services.AddHangfireServer(o => o.WorkerCount = jobs.WorkerCount);
        services.AddScoped<MediatorJobs>();
        services.AddScoped<ImportStarter>();
        return services;
    }

    public static WebApplication UseOutreachJobs(this WebApplication app)
    {
        app.MapHangfireDashboard("/jobs", new DashboardOptions
        {
            Authorization = [],
            AsyncAuthorization = [new AdminOnlyDashboard()],
            DisplayStorageConnectionString = false,
            AppPath = "/",
        }).RequireAuthorization(Roles.Admin);
        var recurring = app.Services.GetRequiredService<IRecurringJobManager>();
        recurring.AddOrUpdate<MediatorJobs>("purge-stale-api-tokens", jobs => jobs.PurgeStaleApiTokens(CancellationToken.None), Cron.Daily(3));
        recurring.AddOrUpdate<MediatorJobs>("flag-overdue-follow-ups", jobs => jobs.FlagOverdueFollowUps(CancellationToken.None), Cron.Daily(2));
        recurring.AddOrUpdate<MediatorJobs>("escalate-unanswered-referrals", jobs => jobs.EscalateUnansweredReferrals(CancellationToken.None), Cron.Daily(4));
        recurring.AddOrUpdate<MediatorJobs>("propose-gaps-from-responses", jobs => jobs.ProposeGaps(CancellationToken.None), Cron.Hourly(15));
        recurring.AddOrUpdate<MediatorJobs>("discard-import-files", jobs => jobs.DiscardImportFiles(CancellationToken.None), Cron.Hourly(40));
        app.Lifetime.ApplicationStarted.Register(() =>
            app.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<MediatorJobs>(jobs => jobs.ResumeImports(CancellationToken.None)));
        return app;
    }

    private sealed class AdminOnlyDashboard : IDashboardAsyncAuthorizationFilter
    {
        public Task<bool> AuthorizeAsync(DashboardContext context) =>
            Task.FromResult(context.GetHttpContext().User.IsInRole(Roles.Admin));
    }
}
