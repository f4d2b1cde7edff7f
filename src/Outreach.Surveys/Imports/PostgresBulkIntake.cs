using Npgsql;
using NpgsqlTypes;
using Outreach.Organization.Contracts;
using Outreach.Shared.Data;
using Outreach.Surveys.Responses;

namespace Outreach.Surveys.Imports;

/// <summary>
/// The import's store on PostgreSQL. The batch's ids are looked up by primary key: a stored id with the same hash is
/// unchanged, with another hash a conflict (kept through <see cref="ResponseIntake.StoreConflictAsync"/>); the new
/// responses and their gap rows go in by binary COPY, straight into their tables. A repeat within the batch goes through
/// <see cref="ResponseIntake.StoreAsync"/> afterwards. Should a concurrent writer store one of the ids between the lookup and
/// the COPY, the unique violation rolls the batch back and the transaction behavior runs it again (the command is an
/// <see cref="IIdempotentCreate"/>), when the lookup finds it. The statements are PostgreSQL-only, so they are not const.
/// </summary>
internal static class PostgresBulkIntake
{
    private static readonly string StoredSql = "SELECT id AS Id, content_hash AS StoredHash FROM surveys_response WHERE id = ANY(@Ids)";

    private static readonly string CopySql = """
        COPY surveys_response (id, template_id, template_version, campaign_id, village_id, block_id, district_id, state_id, country_id,
            region_path, collected_on, latitude, longitude, answers, content_hash, source, import_id, submitted_by, received_at) FROM STDIN (FORMAT BINARY)
        """;

    private static readonly string CopyGapSql = "COPY surveys_response_gap (response_id, category, village_id, collected_on) FROM STDIN (FORMAT BINARY)";

    private sealed record Stored(Guid Id, string StoredHash);

    private sealed record Context(string Source, Guid ImportId, Guid CallerId, DateTimeOffset Now);

    public static async Task<BatchCounts> StoreAsync(
        DbSession db, ResponseIntake intake, IReadOnlyList<PreparedResponse> batch, string source, Guid importId, Guid callerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var counts = new BatchCounts();
        var first = new Dictionary<Guid, PreparedResponse>(batch.Count);
        var repeats = new List<PreparedResponse>();
        foreach (var prepared in batch)
        {
            if (!first.TryAdd(prepared.Submission.Id, prepared)) repeats.Add(prepared);
        }
        if (first.Count > 0)
        {
            var stored = (await db.QueryAsync<Stored>(StoredSql, new { Ids = first.Keys.ToArray() }, cancellationToken)).ToDictionary(s => s.Id, s => s.StoredHash);
            var fresh = first.Values.Where(p => !stored.ContainsKey(p.Submission.Id)).ToList();
            if (fresh.Count > 0)
            {
                await CopyAsync((NpgsqlConnection)await db.ConnectionAsync(cancellationToken), fresh, new Context(source, importId, callerId, now), cancellationToken);
                await ResponseTally.CountAsync(db, fresh.Select(p => new TallyEntry(p.Village!.Path, p.Submission.CampaignId, p.Submission.CollectedOn)), +1, cancellationToken);
            }
            counts.Imported += fresh.Count;
            foreach (var (id, hash) in stored)
            {
                var prepared = first[id];
                if (hash == prepared.Hash) counts.Unchanged++;
                else counts.Add((await intake.StoreConflictAsync(prepared, cancellationToken)).Status);
            }
        }
        foreach (var repeat in repeats) counts.Add((await intake.StoreAsync(repeat, source, importId, cancellationToken)).Status);
        return counts;
    }

    private static async Task CopyAsync(NpgsqlConnection connection, List<PreparedResponse> responses, Context context, CancellationToken cancellationToken)
    {
        var gaps = new List<(Guid Id, string Category, Guid VillageId, DateOnly CollectedOn)>();
        await using (var copy = await connection.BeginBinaryImportAsync(CopySql, cancellationToken))
        {
            foreach (var prepared in responses)
            {
                var s = prepared.Submission;
                var ancestry = RegionAncestry.FromPath(prepared.Village!.Path);
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(s.Id, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(s.TemplateId, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(s.TemplateVersion, NpgsqlDbType.Integer, cancellationToken);
                await WriteNullableAsync(copy, s.CampaignId, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(ancestry.VillageId!.Value, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(ancestry.BlockId!.Value, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(ancestry.DistrictId!.Value, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(ancestry.StateId!.Value, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(ancestry.CountryId, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(prepared.Village.Path, NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(s.CollectedOn, NpgsqlDbType.Date, cancellationToken);
                await WriteNullableAsync(copy, s.Latitude, NpgsqlDbType.Numeric, cancellationToken);
                await WriteNullableAsync(copy, s.Longitude, NpgsqlDbType.Numeric, cancellationToken);
                await copy.WriteAsync(prepared.Sheet!.ToJson(), NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(prepared.Hash, NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(context.Source, NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(context.ImportId, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(context.CallerId, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(context.Now, NpgsqlDbType.TimestampTz, cancellationToken);
                foreach (var category in prepared.Sheet.Gaps) gaps.Add((s.Id, category, prepared.Village.Id, s.CollectedOn));
            }
            await copy.CompleteAsync(cancellationToken);
        }
        if (gaps.Count == 0) return;
        await using var gapCopy = await connection.BeginBinaryImportAsync(CopyGapSql, cancellationToken);
        foreach (var (id, category, villageId, collectedOn) in gaps)
        {
            await gapCopy.StartRowAsync(cancellationToken);
            await gapCopy.WriteAsync(id, NpgsqlDbType.Uuid, cancellationToken);
            await gapCopy.WriteAsync(category, NpgsqlDbType.Varchar, cancellationToken);
            await gapCopy.WriteAsync(villageId, NpgsqlDbType.Uuid, cancellationToken);
            await gapCopy.WriteAsync(collectedOn, NpgsqlDbType.Date, cancellationToken);
        }
        await gapCopy.CompleteAsync(cancellationToken);
    }

    private static async Task WriteNullableAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
        where T : struct
    {
        if (value is { } present) await copy.WriteAsync(present, type, cancellationToken);
        else await copy.WriteNullAsync(cancellationToken);
    }
}
