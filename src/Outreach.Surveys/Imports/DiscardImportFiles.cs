using Mediator;
using Microsoft.Extensions.Options;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Surveys.Imports;

/// <summary>
/// The hourly job: deletes the uploaded files no import needs any more — of completed imports, and of failed imports
/// stopped longer than <c>Imports:AbandonedAfterDays</c> ago. Imports never started within that time are failed and their
/// files deleted. Rows, counters and row errors stay. Safe to run any number of times.
/// </summary>
public sealed record DiscardImportFiles : ICommand<DiscardedImportFiles>;

public sealed record DiscardedImportFiles(int FilesDeleted, int Abandoned);

internal sealed class DiscardImportFilesHandler(DbSession db, ICurrentUser caller, TimeProvider time, IOptions<ImportOptions> options)
    : ICommandHandler<DiscardImportFiles, DiscardedImportFiles>
{
    private const string AbandonedSql = "SELECT id FROM surveys_import WHERE status = 'mapping' AND created_at < @Cutoff ORDER BY created_at, id";

    private const string AbandonSql = """
        UPDATE surveys_import SET status = 'failed', failure = @Failure, finished_at = @Now, version = version + 1
        WHERE id = @Id AND status = 'mapping'
        """;

    private const string StatusSql = "SELECT id AS Id, status AS Status, finished_at AS FinishedAt FROM surveys_import WHERE {in:id,@Ids}";

    private const int IdsPerQuery = 500;

    private sealed record Stored
    {
        public required Guid Id { get; init; }
        public required string Status { get; init; }
        public DateTimeOffset? FinishedAt { get; init; }
    }

    public async ValueTask<DiscardedImportFiles> Handle(DiscardImportFiles command, CancellationToken cancellationToken)
    {
        if (caller.UserId != SystemUser.Id) throw new ForbiddenProblem("Only the scheduler discards import files.");
        var days = options.Value.AbandonedAfterDays;
        var now = time.GetUtcNow();
        var cutoff = now.AddDays(-days);
        var failure = $"Not started within {days} days; the uploaded file was deleted. Upload it again.";
        var abandoned = 0;
        var deleted = 0;
        foreach (var id in await db.QueryAsync<Guid>(AbandonedSql, new { Cutoff = cutoff }, cancellationToken))
        {
            if (await db.ExecuteAsync(AbandonSql, new { Id = id, Failure = failure, Now = now }, cancellationToken) == 0) continue;
            abandoned++;
            if (Delete(id)) deleted++;
        }
        foreach (var ids in KeptFiles().Chunk(IdsPerQuery))
        {
            foreach (var stored in await db.QueryAsync<Stored>(StatusSql, new Dictionary<string, object> { ["Ids"] = db.IdList(ids) }, cancellationToken))
            {
                var done = stored.Status == ImportStatuses.Completed || (stored.Status == ImportStatuses.Failed && stored.FinishedAt < cutoff);
                if (done && Delete(stored.Id)) deleted++;
            }
        }
        return new DiscardedImportFiles(deleted, abandoned);
    }

    private List<Guid> KeptFiles()
    {
        var folder = options.Value.Folder;
        if (!Directory.Exists(folder)) return [];
        return Directory.EnumerateFiles(folder, "*.csv")
            .Select(path => Guid.TryParseExact(Path.GetFileNameWithoutExtension(path), "N", out var id) ? id : Guid.Empty)
            .Where(id => id != Guid.Empty)
            .ToList();
    }

    private bool Delete(Guid importId)
    {
        var path = options.Value.FileOf(importId);
        if (!File.Exists(path)) return false;
        File.Delete(path);
        return true;
    }
}
