using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Mediator;
using Microsoft.Extensions.Options;
using Outreach.Organization.Contracts;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;
using Outreach.Surveys.Contracts;
using Outreach.Surveys.Responses;
using Outreach.Surveys.Templates;

namespace Outreach.Surveys.Imports;

/// <summary>
/// The import job's step: read the next batch of rows from the checkpoint, store them through the response intake, record
/// each bad row with its line, and move the checkpoint — all in one transaction. A crash loses at most the open batch,
/// which the next run reads again; a second runner on the same import fails its checkpoint move and rolls back.
/// </summary>
public sealed record ImportNextBatch(Guid Id) : ICommand<ImportStep>, IIdempotentCreate;

public sealed record ImportStep(bool Done, string Status, long RowsRead);

/// <summary>
/// Reading and checking rows is work for one core, storing them is the database's; the handler overlaps the two. A
/// <see cref="BatchReader"/> task parses and checks the batch in chunks while this thread stores the chunks before it.
/// </summary>
internal sealed class ImportNextBatchHandler(
    DbSession db, ICurrentUser caller, TimeProvider time, ISender sender, ResponseIntake intake, IOptions<ImportOptions> options)
    : ICommandHandler<ImportNextBatch, ImportStep>
{
    private static readonly Guid Namespace = new("5b0e7c3a-1d2f-4e8a-9c61-0f3b2a7d9e14");

    private const string StartSql = "UPDATE surveys_import SET status = 'running', started_at = COALESCE(started_at, @Now), version = version + 1 WHERE id = @Id AND status = 'queued'";

    private const string ProgressSql = """
        UPDATE surveys_import SET checkpoint_offset = @Offset, checkpoint_line = @Line, rows_read = rows_read + @Read,
            imported = imported + @Imported, unchanged = unchanged + @Unchanged, conflicts = conflicts + @Conflicts, failed = failed + @Failed,
            status = @Status, finished_at = @FinishedAt, version = version + 1
        WHERE id = @Id AND checkpoint_offset = @From AND status = 'running'
        """;

    private const string ErrorSql = """
        INSERT INTO surveys_import_error (import_id, line, seq, submission, column_name, message) VALUES (@ImportId, @Line, @Seq, @Submission, @Column, @Message)
        """;

    public async ValueTask<ImportStep> Handle(ImportNextBatch command, CancellationToken cancellationToken)
    {
        var record = await ImportRecord.FindAsync(db, command.Id, cancellationToken) ?? throw new NotFoundProblem("import", command.Id);
        if (record.CreatedBy != caller.UserId) throw new ForbiddenProblem("An import runs as the person who started it.");
        if (record.Status is not (ImportStatuses.Queued or ImportStatuses.Running)) return new ImportStep(true, record.Status, record.RowsRead);
        var now = time.GetUtcNow();
        if (record.Status == ImportStatuses.Queued) await db.ExecuteAsync(StartSql, new { record.Id, Now = now }, cancellationToken);

        var version = await SurveyVersion.LoadAsync(db, record.TemplateId, record.TemplateVersion, cancellationToken);
        var columns = record.ColumnList;
        var path = options.Value.FileOf(record.Id);
        if (ImportColumns.Missing(columns, version.Questions) is { Count: > 0 } missing) return await FailAsync(record, $"No column feeds {string.Join(", ", missing)}.", now, cancellationToken);
        if (!File.Exists(path)) return await FailAsync(record, "The uploaded file is no longer in the data folder; upload it again (rows already imported stay, and are not imported twice).", now, cancellationToken);

        var reader = new RowReader(record, version, columns, await VillagesAsync(cancellationToken));
        var context = new BulkContext(reader.Source, record.Id, caller.UserId, now);
        var bulk = db.Provider == DatabaseProvider.Postgres ? new PostgresBulkIntake(db, intake, context) : null;
        var rows = new BatchReader(
            record, version, reader,
            record.CampaignId is { } campaignId ? await IntakeCampaign.LoadAsync(db, campaignId, cancellationToken) : null,
            ResponseIntake.LatestCollectionDate(now),
            bulk is null ? null : chunk => PostgresBulkIntake.Encode(chunk, context));
        var batchSize = options.Value.BatchSizeFor(db.Provider);
        BatchCounts counts;
        RowProblems problems;
        BatchRead batch;
        if (bulk is not null)
        {
            // First as if every id were new; should one be stored already, the batch is rolled back and read again with lookups.
            (problems, batch) = await ReadAsync(rows, path, batchSize, chunks => bulk.StoreAsync(chunks, lookUp: false, cancellationToken), cancellationToken);
            if (!bulk.Stored) (problems, batch) = await ReadAsync(rows, path, batchSize, chunks => bulk.StoreAsync(chunks, lookUp: true, cancellationToken), cancellationToken);
            await bulk.CountAsync(cancellationToken);
            counts = bulk.Counts;
        }
        else
        {
            var stored = new BatchCounts();
            var tally = new TallyCounter();
            (problems, batch) = await ReadAsync(rows, path, batchSize, async chunks =>
            {
                await foreach (var chunk in chunks)
                {
                    foreach (var prepared in chunk.Rows) stored.Add((await intake.StoreAsync(prepared, reader.Source, record.Id, cancellationToken, tally)).Status);
                }
            }, cancellationToken);
            await ResponseTally.CountAsync(db, tally, +1, cancellationToken);
            counts = stored;
        }

        var seq = 0;
        long lastLine = -1;
        foreach (var error in problems.Errors)
        {
            seq = error.Line == lastLine ? seq + 1 : 0;
            lastLine = error.Line;
            await db.ExecuteAsync(ErrorSql, new { ImportId = record.Id, error.Line, Seq = seq, Submission = Clip(error.Submission, 200), Column = Clip(error.Column, 500), Message = Clip(error.Message, 1000) }, cancellationToken);
        }
        var status = batch.End ? ImportStatuses.Completed : ImportStatuses.Running;
        var moved = await db.ExecuteAsync(ProgressSql, new
        {
            record.Id, batch.Offset, Line = batch.NextLine, batch.Read, counts.Imported, counts.Unchanged, counts.Conflicts, problems.Failed,
            Status = status, FinishedAt = batch.End ? now : (DateTimeOffset?)null, From = record.CheckpointOffset,
        }, cancellationToken);
        if (moved == 0) throw new ConflictProblem("Another run of this import moved on first; this batch was rolled back.");
        return new ImportStep(batch.End, status, record.RowsRead + batch.Read);
    }

    /// <summary>
    /// Reads the batch on a task of its own (which checks its chunks on the thread pool) while <paramref name="store"/> takes
    /// the checked chunks in file order; a failure on either side stops both.
    /// </summary>
    private static async Task<(RowProblems Problems, BatchRead Read)> ReadAsync(
        BatchReader rows, string path, int batchSize, Func<IAsyncEnumerable<ResponseChunk>, Task> store, CancellationToken cancellationToken)
    {
        var chunks = Channel.CreateBounded<Task<ResponseChunk>>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = Task.Run(() => rows.ReadAsync(path, batchSize, chunks.Writer, stop.Token), stop.Token);
        var problems = new RowProblems();
        try
        {
            await store(Checked(chunks.Reader, problems, cancellationToken));
        }
        catch
        {
            await stop.CancelAsync();
            await Task.WhenAny(reading);
            if (reading.Exception?.InnerException is { } cause and not OperationCanceledException) ExceptionDispatchInfo.Throw(cause);
            throw;
        }
        return (problems, await reading);
    }

    /// <summary>The chunks in file order as their checks finish, with the rows that failed them noted on the way.</summary>
    private static async IAsyncEnumerable<ResponseChunk> Checked(
        ChannelReader<Task<ResponseChunk>> chunks, RowProblems problems, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var checking in chunks.ReadAllAsync(cancellationToken))
        {
            var chunk = await checking;
            problems.Errors.AddRange(chunk.Errors);
            problems.Failed += chunk.Failed;
            yield return chunk;
        }
    }

    private async Task<ImportStep> FailAsync(ImportRecord record, string failure, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await ImportRecord.FailAsync(db, record.Id, failure, now, cancellationToken);
        return new ImportStep(true, ImportStatuses.Failed, record.RowsRead);
    }

    private async Task<VillageDirectory> VillagesAsync(CancellationToken cancellationToken)
    {
        var scope = await sender.Send(new GetCallerScope(), cancellationToken);
        var villages = new List<RegionSummary>();
        foreach (var path in scope.Paths)
        {
            villages.AddRange(await sender.Send(new GetRegionSubtree(RegionAncestry.FromPath(path).RegionId), cancellationToken));
        }
        return new VillageDirectory(villages);
    }

    private static string? Clip(string? text, int length) => text is null || text.Length <= length ? text : text[..(length - 1)] + "…";

    /// <summary>The response id for a submission: a name-based UUID of the survey and the export's own id, so a replayed file hits the same rows.</summary>
    internal static Guid ResponseId(Guid templateId, string submissionId)
    {
        var name = Encoding.UTF8.GetBytes($"{templateId:N}/{submissionId}");
        var input = new byte[16 + name.Length];
        Namespace.TryWriteBytes(input, bigEndian: true, out _);
        name.CopyTo(input, 16);
#pragma warning disable CA5350 // UUIDv5 (RFC 9562) is defined on SHA-1; the hash names a submission, it protects nothing.
        var hash = SHA1.HashData(input);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
