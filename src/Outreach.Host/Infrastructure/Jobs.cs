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

/// <summary>Hangfire jobs are thin adapters: open a scope, run as the system user, send one idempotent command.</summary>
public sealed class MediatorJobs(IServiceScopeFactory scopes, IBackgroundJobClient jobs)
{
    private const int ImportRetries = 3;

    public Task PurgeStaleApiTokens(CancellationToken cancellationToken) => RunAsSystem(new PurgeStaleApiTokens(), cancellationToken);

    public Task FlagOverdueFollowUps(CancellationToken cancellationToken) => RunAsSystem(new FlagOverdueFollowUps(), cancellationToken);

    public Task EscalateUnansweredReferrals(CancellationToken cancellationToken) => RunAsSystem(new EscalateUnansweredReferrals(), cancellationToken);

    public Task ProposeGaps(CancellationToken cancellationToken) => RunAsSystem(new ProposeGaps(), cancellationToken);

    public Task DiscardImportFiles(CancellationToken cancellationToken) => RunAsSystem(new DiscardImportFiles(), cancellationToken);

    [AutomaticRetry(Attempts = ImportRetries)]
    public Task RunImport(Guid importId, PerformContext? context, CancellationToken cancellationToken) =>
        RunImportAttempt(importId, 1 + (context?.GetJobParameter<int>("RetryCount") ?? 0), cancellationToken);

    /// <summary>
    /// An import, batch by batch from its checkpoint, as the coordinator who started it (so it writes only their villages);
    /// then gap proposal once. Safe to run twice: a second runner loses the checkpoint race and stops. When the last
    /// attempt fails too, the import is failed with where it stopped, so it does not look running forever and can be resumed.
    /// </summary>
    private async Task RunImportAttempt(Guid importId, int attempt, CancellationToken cancellationToken)
    {
        var owner = await SendAs(new SystemUser(), s => s.Send(new GetImportOwner(importId), cancellationToken));
        if (owner is null) return;
        var caller = new JobCaller(owner.CreatedBy, owner.CreatedRole);
        ImportStep step;
        try
        {
            do step = await SendAs(caller, s => s.Send(new ImportNextBatch(importId), cancellationToken));
            while (!step.Done);
        }
        catch (ConflictProblem)
        {
            return;
        }
        catch (Exception failure) when (failure is not OperationCanceledException && attempt > ImportRetries)
        {
            await RunAsSystem(new GiveUpImport(importId, attempt, failure.Message), cancellationToken);
            throw;
        }
        if (step.Status == ImportStatuses.Completed) await RunAsSystem(new ProposeGaps(), cancellationToken);
    }

    /// <summary>At start-up: imports that were queued or running when the process stopped go on from their checkpoints.</summary>
    public async Task ResumeImports(CancellationToken cancellationToken)
    {
        foreach (var unfinished in await SendAs(new SystemUser(), s => s.Send(new ListUnfinishedImports(), cancellationToken)))
        {
            jobs.Enqueue<MediatorJobs>(j => j.RunImport(unfinished.Id, null, CancellationToken.None));
        }
    }

    private Task<T> RunAsSystem<T>(ICommand<T> command, CancellationToken cancellationToken) => SendAs(new SystemUser(), s => s.Send(command, cancellationToken));

    private async Task<T> SendAs<T>(ICurrentUser caller, Func<ISender, ValueTask<T>> send)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CallerContext>().RunAs(caller);
        return await send(scope.ServiceProvider.GetRequiredService<ISender>());
    }

    private sealed record JobCaller(Guid UserId, string Role) : ICurrentUser
    {
        public bool IsAuthenticated => true;
        public string? ClientAddress => null;
    }
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
