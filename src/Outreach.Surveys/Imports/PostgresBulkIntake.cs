using Npgsql;
using Outreach.Organization.Contracts;
using Outreach.Shared.Data;
using Outreach.Surveys.Responses;

namespace Outreach.Surveys.Imports;

/// <summary>Who stores an import's responses, and when: the same for every row of a batch.</summary>
internal sealed record BulkContext(string Source, Guid ImportId, Guid CallerId, DateTimeOffset Now);

/// <summary>
/// A chunk ready for PostgreSQL: its responses by id (the first of each), repeats of an id within it, and the COPY payload,
/// whose pooled buffer goes back as soon as it is sent.
/// </summary>
internal sealed class EncodedChunk(Dictionary<Guid, PreparedResponse> first, List<PreparedResponse> repeats, BinaryCopyBuffer rows) : IDisposable
{
    public Dictionary<Guid, PreparedResponse> First { get; } = first;
    public List<PreparedResponse> Repeats { get; } = repeats;
    public BinaryCopyBuffer Rows { get; } = rows;

    public void Dispose() => Rows.Dispose();
}

/// <summary>
/// The import's store on PostgreSQL, one batch (one transaction) at a time. Unless told to look ids up, the batch's
/// chunks are streamed into a single binary COPY inside a savepoint as they are checked, and let go once sent: on a first
/// import every id is new and nothing else is needed. Should an id be stored already (a replay, a file imported again),
/// the COPY fails on the unique key, the savepoint is rolled back, <see cref="Stored"/> is false, and the batch is read
/// again with lookups: chunk by chunk, its ids are looked up first (the lookup sees rows stored by earlier chunks); a
/// stored id with the same hash is unchanged, with another hash a conflict (kept through
/// <see cref="ResponseIntake.StoreConflictAsync"/>), and only new ones are copied. A batch whose first chunk already has
/// stored ids is looked up from the start. A repeat of an id within a chunk goes through
/// <see cref="ResponseIntake.StoreAsync"/> at the end. The statements are PostgreSQL-only, so they are not const.
/// </summary>
internal sealed class PostgresBulkIntake(DbSession db, ResponseIntake intake, BulkContext context)
{
    private static readonly string StoredSql = "SELECT id AS Id, content_hash AS Hash FROM surveys_response WHERE id = ANY(@Ids)";

    private static readonly string CopySql = """
        COPY surveys_response (id, template_id, template_version, campaign_id, village_id, block_id, district_id, state_id, country_id,
            region_path, collected_on, latitude, longitude, answers, gap_categories, content_hash, source, import_id, submitted_by, received_at) FROM STDIN (FORMAT BINARY)
        """;

    private static readonly string SavepointSql = "SAVEPOINT import_batch";
    private static readonly string ReleaseSql = "RELEASE SAVEPOINT import_batch";
    private static readonly string RollbackSql = "ROLLBACK TO SAVEPOINT import_batch";

    private TallyCounter tally = new();

    public BatchCounts Counts { get; private set; } = new();

    /// <summary>False when the last <see cref="StoreAsync"/> found a stored id and stored nothing: read the batch again with lookups.</summary>
    public bool Stored { get; private set; }

    private sealed record StoredHash(Guid Id, string Hash);

    /// <summary>Takes every chunk of the batch, in file order.</summary>
    public async Task StoreAsync(IAsyncEnumerable<ResponseChunk> checkedChunks, bool lookUp, CancellationToken cancellationToken)
    {
        (Counts, tally, Stored) = (new BatchCounts(), new TallyCounter(), true);
        var repeats = new List<PreparedResponse>();
        await using var chunks = checkedChunks.GetAsyncEnumerator(cancellationToken);
        if (!await chunks.MoveNextAsync()) return;
        if (!lookUp && !await AnyStoredAsync(chunks.Current.Encoded, cancellationToken))
        {
            // Nothing was stored when this fails; the next StoreAsync starts its counts afresh.
            Stored = await TryCopyAllAsync(chunks, repeats, cancellationToken);
            if (!Stored) return;
        }
        else
        {
            do await StoreOneByOneAsync(chunks.Current.Encoded, repeats, cancellationToken);
            while (await chunks.MoveNextAsync());
        }
        foreach (var repeat in repeats) Counts.Add((await intake.StoreAsync(repeat, context.Source, context.ImportId, cancellationToken)).Status);
    }

    /// <summary>The batch's new responses counted into the dashboard tallies, once per batch.</summary>
    public Task CountAsync(CancellationToken cancellationToken) => ResponseTally.CountAsync(db, tally, +1, cancellationToken);

    /// <summary>Whether any of the chunk's ids is stored already: a batch that starts so is most likely a replay.</summary>
    private async Task<bool> AnyStoredAsync(EncodedChunk? chunk, CancellationToken cancellationToken) =>
        chunk is not null && (await db.QueryAsync<StoredHash>(StoredSql, new { Ids = chunk.First.Keys.ToArray() }, cancellationToken)).Any();

    /// <summary>The current chunk and every one after it into one COPY; false (and nothing stored) when an id was already there.</summary>
    private async Task<bool> TryCopyAllAsync(IAsyncEnumerator<ResponseChunk> chunks, List<PreparedResponse> repeats, CancellationToken cancellationToken)
    {
        await db.ExecuteAsync(SavepointSql, null, cancellationToken);
        try
        {
            var connection = (NpgsqlConnection)await db.ConnectionAsync(cancellationToken);
            await using var copy = await connection.BeginRawBinaryCopyAsync(CopySql, cancellationToken);
            await copy.WriteAsync(BinaryCopyBuffer.Header, cancellationToken);
            do
            {
                if (chunks.Current.Encoded is not { } chunk) continue;
                using (chunk) await copy.WriteAsync(chunk.Rows.Written, cancellationToken);
                Count(chunk.First.Values);
                repeats.AddRange(chunk.Repeats);
            }
            while (await chunks.MoveNextAsync());
            await copy.WriteAsync(BinaryCopyBuffer.Trailer, cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await db.ExecuteAsync(RollbackSql, null, cancellationToken);
            while (await chunks.MoveNextAsync()) chunks.Current.Encoded?.Dispose();
            return false;
        }
        await db.ExecuteAsync(ReleaseSql, null, cancellationToken);
        return true;
    }

    private async Task StoreOneByOneAsync(EncodedChunk? chunk, List<PreparedResponse> repeats, CancellationToken cancellationToken)
    {
        if (chunk is null) return;
        using var _ = chunk;
        repeats.AddRange(chunk.Repeats);
        var stored = (await db.QueryAsync<StoredHash>(StoredSql, new { Ids = chunk.First.Keys.ToArray() }, cancellationToken)).ToDictionary(s => s.Id, s => s.Hash);
        var fresh = chunk.First.Values.Where(p => !stored.ContainsKey(p.Submission.Id)).ToList();
        if (fresh.Count == chunk.First.Count) await CopyAsync(chunk.Rows, cancellationToken);
        else if (fresh.Count > 0)
        {
            using var rows = Write(fresh, context);
            await CopyAsync(rows, cancellationToken);
        }
        Count(fresh);
        foreach (var (id, hash) in stored)
        {
            var prepared = chunk.First[id];
            if (hash == prepared.Hash) Counts.Unchanged++;
            else Counts.Add((await intake.StoreConflictAsync(prepared, cancellationToken)).Status);
        }
    }

    private async Task CopyAsync(BinaryCopyBuffer rows, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)await db.ConnectionAsync(cancellationToken);
        await using var copy = await connection.BeginRawBinaryCopyAsync(CopySql, cancellationToken);
        await copy.WriteAsync(BinaryCopyBuffer.Header, cancellationToken);
        await copy.WriteAsync(rows.Written, cancellationToken);
        await copy.WriteAsync(BinaryCopyBuffer.Trailer, cancellationToken);
    }

    private void Count(IEnumerable<PreparedResponse> responses)
    {
        foreach (var prepared in responses)
        {
            Counts.Imported++;
            tally.Add(prepared.TallyEntry);
        }
    }

    /// <summary>The chunk's responses in COPY format; pure, so the reader thread runs it.</summary>
    public static EncodedChunk Encode(IReadOnlyList<PreparedResponse> chunk, BulkContext context)
    {
        var first = new Dictionary<Guid, PreparedResponse>(chunk.Count);
        var repeats = new List<PreparedResponse>();
        foreach (var prepared in chunk)
        {
            if (!first.TryAdd(prepared.Submission.Id, prepared)) repeats.Add(prepared);
        }
        return new EncodedChunk(first, repeats, Write(first.Values, context));
    }

    private static BinaryCopyBuffer Write(IEnumerable<PreparedResponse> rows, BulkContext context)
    {
        var responses = new BinaryCopyBuffer(1 << 20);
        var ancestries = new Dictionary<Guid, RegionAncestry>();
        foreach (var prepared in rows)
        {
            var (s, village) = (prepared.Submission, prepared.Village!);
            if (!ancestries.TryGetValue(village.Id, out var ancestry)) ancestries[village.Id] = ancestry = RegionAncestry.FromPath(village.Path);
            responses.StartRow(20);
            responses.Uuid(s.Id);
            responses.Uuid(s.TemplateId);
            responses.Integer(s.TemplateVersion);
            responses.Uuid(s.CampaignId);
            responses.Uuid(village.Id);
            responses.Uuid(ancestry.BlockId);
            responses.Uuid(ancestry.DistrictId);
            responses.Uuid(ancestry.StateId);
            responses.Uuid(ancestry.CountryId);
            responses.Text(village.Path);
            responses.Date(s.CollectedOn);
            responses.Numeric(s.Latitude);
            responses.Numeric(s.Longitude);
            responses.Text(prepared.AnswersJson);
            responses.Text(ReportedGaps.Column(prepared.Gaps));
            responses.Text(prepared.Hash);
            responses.Text(context.Source);
            responses.Uuid(context.ImportId);
            responses.Uuid(context.CallerId);
            responses.TimestampTz(context.Now);
        }
        return responses;
    }
}
