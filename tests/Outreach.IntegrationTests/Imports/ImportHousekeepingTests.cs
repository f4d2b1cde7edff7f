using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Outreach.IntegrationTests.Infrastructure;
using Outreach.Shared.Security;
using Outreach.Surveys.Imports;

namespace Outreach.IntegrationTests.Imports;

/// <summary>What happens to imports after they end or stall: uploaded files deleted when no longer needed, failed imports resumed.</summary>
public abstract class ImportHousekeepingTests(IOutreachApp app)
{
    private static readonly object[] Questions =
    [
        new { key = "household_size", type = "Number", label = "Household size", required = true, min = 1, max = 30 },
    ];

    private sealed record TemplateBody(Guid Id);

    private ImportOptions Options => app.Services.GetRequiredService<IOptions<ImportOptions>>().Value;

    private async Task<HttpClient> Coordinator()
    {
        Options.DataFolder = Path.Combine(Path.GetTempPath(), "outreach-import-tests", app.ProviderName());
        return await app.ApiAs("coordinator");
    }

    private static async Task<Guid> NewSurvey(HttpClient coordinator) =>
        (await (await coordinator.PostJson("/api/v1/surveys", new { name = $"Housekeeping {Guid.NewGuid():N}", description = "Import housekeeping test", questions = Questions }))
            .Read<TemplateBody>(HttpStatusCode.Created)).Id;

    private static string Rows(int count, string prefix)
    {
        var csv = new StringBuilder("_uuid,today,village,household_size\n");
        for (var i = 1; i <= count; i++) csv.Append(FormattableString.Invariant($"{prefix}-{i},2026-11-20,{(i % 2 == 0 ? "Kotri" : "Jawar")},{1 + i % 20}\n"));
        return csv.ToString();
    }

    private static async Task<ImportView> Upload(HttpClient client, Guid templateId, string csv)
    {
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var form = new MultipartFormDataContent { { file, "file", "export.csv" } };
        return await (await client.PostAsync(new Uri($"/api/v1/imports?templateId={templateId}", UriKind.Relative), form)).Read<ImportView>(HttpStatusCode.Created);
    }

    private static async Task Start(HttpClient client, Guid id) =>
        await (await client.PostAsync(new Uri($"/api/v1/imports/{id}/start", UriKind.Relative), null)).Read<ImportView>(HttpStatusCode.Accepted);

    private async Task RunJob(Guid importId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Host.Infrastructure.MediatorJobs>().RunImport(importId, null, CancellationToken.None);
    }

    private static async Task<ImportView> Status(HttpClient client, Guid id) =>
        await (await client.GetAsync(new Uri($"/api/v1/imports/{id}", UriKind.Relative))).Read<ImportView>();

    private Task<DiscardedImportFiles> DiscardFiles() => app.SendAs(new SystemUser(), new DiscardImportFiles());

    private Task<int> Backdate(Guid id, string column, int days) =>
        app.WithDb(db => db.ExecuteAsync($"UPDATE surveys_import SET {column} = @At WHERE id = @Id", new { Id = id, At = DateTimeOffset.UtcNow.AddDays(-days) }));

    private bool FileKept(Guid id) => File.Exists(Options.FileOf(id));

    [Fact]
    public async Task A_completed_imports_file_is_deleted_by_the_hourly_job_and_its_row_errors_stay_downloadable()
    {
        using var coordinator = await Coordinator();
        var survey = await NewSurvey(coordinator);
        var uploaded = await Upload(coordinator, survey, Rows(3, $"done-{Guid.NewGuid():N}") + "bad-row,2026-11-20,Atlantis,3\n");
        await Start(coordinator, uploaded.Id);
        await RunJob(uploaded.Id);
        var keptUntilTheJob = FileKept(uploaded.Id);

        var discarded = await DiscardFiles();
        var again = await DiscardFiles();

        var done = await Status(coordinator, uploaded.Id);
        var errors = await coordinator.GetStringAsync(new Uri($"/api/v1/imports/{uploaded.Id}/errors.csv", UriKind.Relative));
        Assert.True(keptUntilTheJob);
        Assert.False(FileKept(uploaded.Id));
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
        Assert.False(FileKept(forgotten.Id));
        Assert.Equal(ImportStatuses.Mapping, waiting.Status);
        Assert.True(FileKept(recent.Id));
    }

    [Fact]
    public async Task When_the_import_job_fails_on_its_last_attempt_the_import_is_failed_with_where_it_stopped()
    {
        using var coordinator = await Coordinator();
        var survey = await NewSurvey(coordinator);
        var uploaded = await Upload(coordinator, survey, Rows(5, $"broken-{Guid.NewGuid():N}"));
        await Start(coordinator, uploaded.Id);
        // A mapping that no longer reads makes every batch throw, the way a lasting fault would.
        await app.WithDb(db => db.ExecuteAsync("UPDATE surveys_import SET mapping = 'not json' WHERE id = @Id", new { uploaded.Id }));
        await using var scope = app.Services.CreateAsyncScope();
        var jobs = scope.ServiceProvider.GetRequiredService<Host.Infrastructure.MediatorJobs>();

        await Assert.ThrowsAnyAsync<Exception>(() => jobs.RunImportAttempt(uploaded.Id, 1, CancellationToken.None));
        var afterFirst = await StatusAndFailure(uploaded.Id);
        await Assert.ThrowsAnyAsync<Exception>(() => jobs.RunImportAttempt(uploaded.Id, 4, CancellationToken.None));
        var afterLast = await StatusAndFailure(uploaded.Id);

        Assert.Equal((ImportStatuses.Queued, (string?)null), afterFirst);
        Assert.Equal(ImportStatuses.Failed, afterLast.Status);
        Assert.StartsWith("Stopped at line 2 after 4 attempts: ", afterLast.Failure, StringComparison.Ordinal);
        Assert.EndsWith(". Resume it to go on from there.", afterLast.Failure, StringComparison.Ordinal);
    }

    private sealed record StatusRow(string Status, string? Failure);

    private async Task<(string Status, string? Failure)> StatusAndFailure(Guid id)
    {
        var row = await app.WithDb(db => db.QuerySingleOrDefaultAsync<StatusRow>("SELECT status AS Status, failure AS Failure FROM surveys_import WHERE id = @Id", new { Id = id }));
        return (row!.Status, row.Failure);
    }
}

[Collection(HostTests.Name)]
public sealed class SqliteImportHousekeepingTests(SqliteApp app) : ImportHousekeepingTests(app);

[Collection(HostTests.Name)]
public sealed class PostgresImportHousekeepingTests(PostgresApp app) : ImportHousekeepingTests(app);

[Collection(HostTests.Name)]
public sealed class SqlServerImportHousekeepingTests(SqlServerApp app) : ImportHousekeepingTests(app);
