using System.Net;
using System.Text;
using Hangfire;
using Hangfire.Server;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Host.Infrastructure;
using Outreach.IntegrationTests.Infrastructure;
using Outreach.Shared.Security;
using Outreach.Surveys.Imports;

namespace Outreach.IntegrationTests.Imports;

/// <summary>What happens to imports after they end or stall: uploaded files deleted when no longer needed, failed imports resumed.</summary>
public abstract class ImportHousekeepingTests(IOutreachApp database) : ImportTestSteps(database)
{
    private static readonly object[] Questions =
    [
        new { key = "household_size", type = "Number", label = "Household size", required = true, min = 1, max = 30 },
    ];

    private static async Task<Guid> NewSurvey(HttpClient coordinator) =>
        (await (await coordinator.PostJson("/api/v1/surveys", new { name = $"Housekeeping {Guid.NewGuid():N}", description = "Import housekeeping test", questions = Questions }))
            .Read<TemplateBody>(HttpStatusCode.Created)).Id;

    private static string Rows(int count, string prefix)
    {
        var csv = new StringBuilder("_uuid,today,village,household_size\n");
        for (var i = 1; i <= count; i++) csv.Append(FormattableString.Invariant($"{prefix}-{i},2026-11-20,{(i % 2 == 0 ? "Kotri" : "Jawar")},{1 + i % 20}\n"));
        return csv.ToString();
    }

    private static async Task<ImportView> Upload(HttpClient client, Guid templateId, string csv) =>
        await (await Upload(client, templateId, Encoding.UTF8.GetBytes(csv))).Read<ImportView>(HttpStatusCode.Created);

    private static async Task Start(HttpClient client, Guid id) =>
        await (await client.PostAsync(new Uri($"/api/v1/imports/{id}/start", UriKind.Relative), null)).Read<ImportView>(HttpStatusCode.Accepted);

    private Task<DiscardedImportFiles> DiscardFiles() => App.SendAs(new SystemUser(), new DiscardImportFiles());

    private Task<int> Backdate(Guid id, string column, int days) =>
        App.WithDb(db => db.ExecuteAsync($"UPDATE surveys_import SET {column} = @At WHERE id = @Id", new { Id = id, At = DateTimeOffset.UtcNow.AddDays(-days) }));

    /// <summary>An import that committed one batch of 40 rows and whose job then gave up on its last attempt.</summary>
    private async Task<ImportView> StoppedAfterOneBatch(HttpClient coordinator, Guid survey, int rows)
    {
        var uploaded = await Upload(coordinator, survey, Rows(rows, $"stopped-{Guid.NewGuid():N}"));
        await Start(coordinator, uploaded.Id);
        var batchSize = Options.BatchSize;
        try
        {
            Options.BatchSize = 40;
            await App.SendAs(new TestCaller(await App.UserId("coordinator"), "Coordinator"), new ImportNextBatch(uploaded.Id));
        }
        finally
        {
            Options.BatchSize = batchSize;
        }
        Assert.True(await App.SendAs(new SystemUser(), new GiveUpImport(uploaded.Id, 4, "The database went away.")));
        return await Status(coordinator, uploaded.Id);
    }

    private static Task<HttpResponseMessage> Resume(HttpClient client, Guid id) =>
        client.PostAsync(new Uri($"/api/v1/imports/{id}/resume", UriKind.Relative), null);


    [Fact]
    public async Task A_completed_imports_file_is_deleted_by_the_hourly_job_and_its_row_errors_stay_downloadable()
    {
        using var coordinator = await Coordinator();
        var survey = await NewSurvey(coordinator);
        var uploaded = await Upload(coordinator, survey, Rows(3, $"done-{Guid.NewGuid():N}") + "bad-row,2026-11-20,Atlantis,3\n");
        await Start(coordinator, uploaded.Id);
        await RunJob(uploaded.Id);
        var keptUntilTheJob = Options.KeepsFileOf(uploaded.Id);

        var discarded = await DiscardFiles();
        var again = await DiscardFiles();

        var done = await Status(coordinator, uploaded.Id);
        var errors = await coordinator.GetStringAsync(new Uri($"/api/v1/imports/{uploaded.Id}/errors.csv", UriKind.Relative));
        Assert.True(keptUntilTheJob);
        Assert.False(Options.KeepsFileOf(uploaded.Id));
        Assert.True(discarded.FilesDeleted >= 1);
        Assert.Equal(0, again.FilesDeleted);
        Assert.Equal((ImportStatuses.Completed, 3L, 1L, (string?)null), (done.Status, done.Imported, done.Failed, done.Failure));
        Assert.Contains("Atlantis", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upload_not_started_within_seven_days_is_failed_and_its_file_deleted_while_a_recent_one_stays()
    {
        using var coordinator = await Coordinator();
        var survey = await NewSurvey(coordinator);
        var forgotten = await Upload(coordinator, survey, Rows(2, $"forgotten-{Guid.NewGuid():N}"));
        var recent = await Upload(coordinator, survey, Rows(2, $"recent-{Guid.NewGuid():N}"));
        await Backdate(forgotten.Id, "created_at", 8);

        var discarded = await DiscardFiles();

        var failed = await Status(coordinator, forgotten.Id);
        var waiting = await Status(coordinator, recent.Id);
        Assert.True(discarded.Abandoned >= 1);
        Assert.Equal(ImportStatuses.Failed, failed.Status);
        Assert.Equal("Not started within 7 days; the uploaded file was deleted. Upload it again.", failed.Failure);
        Assert.NotNull(failed.FinishedAt);
        Assert.False(Options.KeepsFileOf(forgotten.Id));
        Assert.Equal(ImportStatuses.Mapping, waiting.Status);
        Assert.True(Options.KeepsFileOf(recent.Id));
    }

    [Fact]
    public async Task A_failed_import_keeps_its_file_for_seven_days_after_it_stopped_then_loses_it()
    {
        using var coordinator = await Coordinator();
        var survey = await NewSurvey(coordinator);
        var stopped = await StoppedAfterOneBatch(coordinator, survey, 60);

        await DiscardFiles();
        var keptWithinTheWindow = Options.KeepsFileOf(stopped.Id);
        var withinTheWindow = await Status(coordinator, stopped.Id);
        await Backdate(stopped.Id, "finished_at", 8);
        await DiscardFiles();

        var after = await Status(coordinator, stopped.Id);
        using var browser = await Ui.SignInAsync(App, "coordinator");
        var page = await browser.GetStringAsync(new Uri($"/Imports/{stopped.Id}", UriKind.Relative));
        var problem = await (await Resume(coordinator, stopped.Id)).Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(ImportStatuses.Failed, stopped.Status);
        Assert.Equal("Stopped at line 42 after 4 attempts: The database went away. Resume it to go on from there.", stopped.Failure);
        Assert.True(keptWithinTheWindow);
        Assert.False(Options.KeepsFileOf(stopped.Id));
        Assert.Equal((ImportStatuses.Failed, stopped.Failure, 40L), (after.Status, after.Failure, after.Imported));
        Assert.Contains("Upload the file again", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal((true, false), (withinTheWindow.CanResume, after.CanResume));
        Assert.DoesNotContain(">Resume</button>", page, StringComparison.Ordinal);
        Assert.Contains("The uploaded file has been deleted", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_resumed_import_goes_on_from_its_checkpoint_and_completes_without_importing_a_row_twice()
    {
        using var coordinator = await Coordinator();
        var survey = await NewSurvey(coordinator);
        var stopped = await StoppedAfterOneBatch(coordinator, survey, 100);
        using var browser = await Ui.SignInAsync(App, "coordinator");
        var page = await browser.GetStringAsync(new Uri($"/Imports/{stopped.Id}", UriKind.Relative));

        var resumed = await (await Resume(coordinator, stopped.Id)).Read<ImportView>(HttpStatusCode.Accepted);
        await RunJob(stopped.Id);

        var done = await Status(coordinator, stopped.Id);
        var pageWhenDone = await browser.GetStringAsync(new Uri($"/Imports/{stopped.Id}", UriKind.Relative));
        Assert.Equal((40L, 40L), (stopped.RowsRead, stopped.Imported));
        Assert.Contains(">Resume</button>", page, StringComparison.Ordinal);
        Assert.Equal((ImportStatuses.Queued, (string?)null, (DateTimeOffset?)null, 40L), (resumed.Status, resumed.Failure, resumed.FinishedAt, resumed.RowsRead));
        Assert.Equal((ImportStatuses.Completed, 100L, 100L, 0L, 0L, (string?)null), (done.Status, done.RowsRead, done.Imported, done.Unchanged, done.Failed, done.Failure));
        Assert.Equal(100, await Responses(survey));
        Assert.DoesNotContain(">Resume</button>", pageWhenDone, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_resume_button_on_the_import_page_queues_a_failed_import_again()
    {
        using var coordinator = await Coordinator();
        var survey = await NewSurvey(coordinator);
        var stopped = await StoppedAfterOneBatch(coordinator, survey, 50);
        using var browser = await Ui.SignInAsync(App, "coordinator");

        var posted = await Ui.PostFormAsync(browser, $"/Imports/{stopped.Id}?handler=Resume", []);
        var queued = await Status(coordinator, stopped.Id);
        await RunJob(stopped.Id);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal(ImportStatuses.Queued, queued.Status);
        Assert.Equal((ImportStatuses.Completed, 50L), ((await Status(coordinator, stopped.Id)).Status, await Responses(survey)));
    }

    [Fact]
    public async Task Only_a_failed_import_with_its_file_can_be_resumed_and_only_by_its_owner_or_an_admin()
    {
        using var coordinator = await Coordinator();
        using var admin = await App.ApiAs("admin");
        var survey = await NewSurvey(coordinator);
        var otherName = $"coordinator.{Guid.NewGuid():N}"[..30];
        const string otherPassword = "Other-coord-2026";
        var created = await admin.PostJson("/api/v1/users", new
        {
            id = Guid.CreateVersion7(), username = otherName, displayName = "Another Coordinator", role = "Coordinator",
            password = otherPassword, regionIds = new[] { await App.RegionId("Sehore") },
        });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        using var other = await App.ApiAs(otherName, otherPassword);
        var waiting = await Upload(coordinator, survey, Rows(2, $"waiting-{Guid.NewGuid():N}"));
        var stopped = await StoppedAfterOneBatch(coordinator, survey, 50);

        var notFailed = await (await Resume(coordinator, waiting.Id)).Problem(HttpStatusCode.Conflict);
        await (await Resume(other, stopped.Id)).Problem(HttpStatusCode.NotFound);
        await (await Resume(coordinator, Guid.NewGuid())).Problem(HttpStatusCode.NotFound);
        File.Delete(Options.FileOf(stopped.Id));
        var fileGone = await (await Resume(coordinator, stopped.Id)).Problem(HttpStatusCode.UnprocessableEntity);
        File.WriteAllText(Options.FileOf(stopped.Id), Rows(50, "unused"));
        var byAdmin = await (await Resume(admin, stopped.Id)).Read<ImportView>(HttpStatusCode.Accepted);
        var twice = await (await Resume(admin, stopped.Id)).Problem(HttpStatusCode.Conflict);

        Assert.Contains("this one is mapping", notFailed.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("has been deleted", fileGone.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(ImportStatuses.Queued, byAdmin.Status);
        Assert.Contains("this one is queued", twice.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_the_import_job_fails_on_its_fourth_and_last_run_the_import_is_failed_with_where_it_stopped()
    {
        using var coordinator = await Coordinator();
        var survey = await NewSurvey(coordinator);
        var uploaded = await Upload(coordinator, survey, Rows(5, $"broken-{Guid.NewGuid():N}"));
        await Start(coordinator, uploaded.Id);
        // A mapping that no longer reads makes every batch throw, the way a lasting fault would.
        await App.WithDb(db => db.ExecuteAsync("UPDATE surveys_import SET mapping = 'not json' WHERE id = @Id", new { uploaded.Id }));
        var storage = App.Services.GetRequiredService<JobStorage>();
        var jobId = App.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<MediatorJobs>(j => j.RunImport(uploaded.Id, null, CancellationToken.None));
        using var connection = storage.GetConnection();
        var job = connection.GetJobData(jobId);
        var run = new PerformContext(storage, connection, new BackgroundJob(jobId, job.Job, job.CreatedAt), new JobCancellationToken(false));
        await using var scope = App.Services.CreateAsyncScope();
        var jobs = scope.ServiceProvider.GetRequiredService<MediatorJobs>();

        await Assert.ThrowsAnyAsync<Exception>(() => jobs.RunImport(uploaded.Id, run, CancellationToken.None));
        var afterFirst = await StatusAndFailure(uploaded.Id);
        run.SetJobParameter("RetryCount", 3);
        await Assert.ThrowsAnyAsync<Exception>(() => jobs.RunImport(uploaded.Id, run, CancellationToken.None));
        var afterLast = await StatusAndFailure(uploaded.Id);

        Assert.Equal((ImportStatuses.Queued, (string?)null), afterFirst);
        Assert.Equal(ImportStatuses.Failed, afterLast.Status);
        Assert.StartsWith("Stopped at line 2 after 4 attempts: ", afterLast.Failure, StringComparison.Ordinal);
        Assert.EndsWith(". Resume it to go on from there.", afterLast.Failure, StringComparison.Ordinal);
    }

    private sealed record StatusRow(string Status, string? Failure);

    private async Task<(string Status, string? Failure)> StatusAndFailure(Guid id)
    {
        var row = await App.WithDb(db => db.QuerySingleOrDefaultAsync<StatusRow>("SELECT status AS Status, failure AS Failure FROM surveys_import WHERE id = @Id", new { Id = id }));
        return (row!.Status, row.Failure);
    }
}

[Collection(HostTests.Name)]
public sealed class SqliteImportHousekeepingTests(SqliteApp App) : ImportHousekeepingTests(App);

[Collection(HostTests.Name)]
public sealed class PostgresImportHousekeepingTests(PostgresApp App) : ImportHousekeepingTests(App);

[Collection(HostTests.Name)]
public sealed class SqlServerImportHousekeepingTests(SqlServerApp App) : ImportHousekeepingTests(App);
