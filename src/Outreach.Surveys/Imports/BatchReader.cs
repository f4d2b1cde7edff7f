using System.Threading.Channels;
using Outreach.Shared;
using Outreach.Surveys.Contracts;
using Outreach.Surveys.Responses;
using Outreach.Surveys.Templates;

namespace Outreach.Surveys.Imports;

internal sealed record RowError(long Line, string? Submission, string? Column, string Message);

/// <summary>A batch's rows that cannot be stored, and their errors by line.</summary>
internal sealed class RowProblems
{
    public List<RowError> Errors { get; } = [];
    public long Failed { get; set; }
}

/// <summary>How far reading one batch got.</summary>
internal sealed record BatchRead(long Read, long Offset, long NextLine, bool End);

/// <summary>A chunk's rows checked: those to store (encoded for the database when it takes them in bulk), and those that cannot be stored, by line.</summary>
internal sealed record ResponseChunk(IReadOnlyList<PreparedResponse> Rows, EncodedChunk? Encoded, IReadOnlyList<RowError> Errors, long Failed);

/// <summary>
/// Reads a batch of rows from the checkpoint, in chunks, and checks each chunk as the intake would on the thread pool,
/// handing the chunks on in file order. It reads no database and shares nothing writable, so chunks are checked side by
/// side, and beside the thread that stores the chunks before them.
/// </summary>
internal sealed class BatchReader(
    ImportRecord record, SurveyVersion version, RowReader reader, IntakeCampaign? campaign, DateOnly latest, Func<IReadOnlyList<PreparedResponse>, EncodedChunk>? encode)
{
    private const int ChunkSize = 1000;

    public async Task<BatchRead> ReadAsync(string path, int batchSize, ChannelWriter<Task<ResponseChunk>> chunks, CancellationToken cancellationToken)
    {
        try
        {
            var fields = new List<string>();
            var rows = new List<(long Line, string[] Fields)>(ChunkSize);
            long read = 0;
            using var csv = CsvRecords.Open(path, record.DelimiterByte, record.CheckpointOffset, record.CheckpointLine);
            csv.Wanted = reader.Wanted;
            while (read < batchSize && csv.Read(fields))
            {
                read++;
                rows.Add((csv.Line, [.. fields]));
                if (rows.Count < ChunkSize) continue;
                var full = rows;
                await chunks.WriteAsync(Task.Run(() => Check(full), cancellationToken), cancellationToken);
                rows = new List<(long, string[])>(ChunkSize);
            }
            if (rows.Count > 0) await chunks.WriteAsync(Task.Run(() => Check(rows), cancellationToken), cancellationToken);
            var (offset, nextLine) = (csv.Offset, csv.NextLine);
            var end = !csv.Read(fields);
            chunks.Complete();
            return new BatchRead(read, offset, nextLine, end);
        }
        catch (Exception e)
        {
            chunks.TryComplete(e);
            throw;
        }
    }

    private ResponseChunk Check(List<(long Line, string[] Fields)> rows)
    {
        var valid = new List<PreparedResponse>(rows.Count);
        var errors = new List<RowError>();
        long failed = 0;
        foreach (var (line, fields) in rows)
        {
            var (submission, village, answers, rowErrors) = reader.Read(fields);
            if (submission is null)
            {
                failed++;
                errors.AddRange(rowErrors.Select(e => e with { Line = line }));
                continue;
            }
            var prepared = ResponseIntake.Prepare(submission, answers, version, village, campaign, latest);
            if (!prepared.IsValid)
            {
                failed++;
                errors.AddRange(prepared.Errors.Select(e => new RowError(line, reader.SubmissionOf(fields), reader.HeaderFor(e.Key), e.Value)));
                continue;
            }
            valid.Add(prepared);
        }
        return new ResponseChunk(valid, valid.Count > 0 ? encode?.Invoke(valid) : null, errors, failed);
    }
}
