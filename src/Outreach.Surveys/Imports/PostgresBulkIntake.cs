using Npgsql;
using NpgsqlTypes;
using Outreach.Organization.Contracts;
using Outreach.Shared.Data;
using Outreach.Surveys.Responses;

namespace Outreach.Surveys.Imports;

/// <summary>
/// The import's store on PostgreSQL: the batch's checked responses go in by binary COPY to a staging table, then one
/// INSERT ... SELECT ... ON CONFLICT DO NOTHING. The outcome per response is the intake's: a stored id with the same hash is
/// unchanged, with another hash a conflict (kept through <see cref="ResponseIntake.StoreConflictAsync"/>), and anything the
/// set-based path cannot settle (a repeat within the batch, a concurrent writer) goes through <see cref="ResponseIntake.StoreAsync"/>.
/// The statements are PostgreSQL-only, so they are not const: the T-SQL parse test has nothing to check in them.
/// </summary>
internal static class PostgresBulkIntake
{
    private static readonly string CreateStageSql = """
        CREATE TEMP TABLE surveys_import_stage (
            id uuid NOT NULL, template_id uuid NOT NULL, template_version integer NOT NULL, campaign_id uuid, village_id uuid NOT NULL,
            block_id uuid NOT NULL, district_id uuid NOT NULL, state_id uuid NOT NULL, country_id uuid NOT NULL, region_path varchar(200) NOT NULL,
            collected_on date NOT NULL, answers text NOT NULL, content_hash varchar(64) NOT NULL) ON COMMIT DROP;
        CREATE TEMP TABLE surveys_import_stage_gap (response_id uuid NOT NULL, category varchar(40) NOT NULL, village_id uuid NOT NULL, collected_on date NOT NULL) ON COMMIT DROP;
        """;

    private static readonly string CopySql = """
        COPY surveys_import_stage (id, template_id, template_version, campaign_id, village_id, block_id, district_id, state_id, country_id,
            region_path, collected_on, answers, content_hash) FROM STDIN (FORMAT BINARY)
        """;

    private static readonly string CopyGapSql = "COPY surveys_import_stage_gap (response_id, category, village_id, collected_on) FROM STDIN (FORMAT BINARY)";

    // By primary key for the batch's ids, so the plan never depends on statistics of a table that is growing under it.
    private static readonly string StoredSql = "SELECT id AS Id, content_hash AS StoredHash FROM surveys_response WHERE id = ANY(@Ids)";

    private static readonly string InsertSql = """
        WITH inserted AS (
            INSERT INTO surveys_response (id, template_id, template_version, campaign_id, village_id, block_id, district_id, state_id,
                country_id, region_path, collected_on, latitude, longitude, answers, content_hash, source, import_id, submitted_by, received_at)
            SELECT id, template_id, template_version, campaign_id, village_id, block_id, district_id, state_id,
                country_id, region_path, collected_on, NULL, NULL, answers, content_hash, @Source, @ImportId, @CallerId, @Now
            FROM surveys_import_stage
            ON CONFLICT (id) DO NOTHING
            RETURNING id),
        gaps AS (
            INSERT INTO surveys_response_gap (response_id, category, village_id, collected_on)
            SELECT g.response_id, g.category, g.village_id, g.collected_on FROM surveys_import_stage_gap g JOIN inserted i ON i.id = g.response_id)
        SELECT id FROM inserted
        """;

    private sealed record Stored(Guid Id, string StoredHash);

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
            var connection = (NpgsqlConnection)await db.ConnectionAsync(cancellationToken);
            var stored = (await db.QueryAsync<Stored>(StoredSql, new { Ids = first.Keys.ToArray() }, cancellationToken)).ToDictionary(s => s.Id, s => s.StoredHash);
            await db.ExecuteAsync(CreateStageSql, cancellationToken: cancellationToken);
            await CopyAsync(connection, first.Values.Where(p => !stored.ContainsKey(p.Submission.Id)), cancellationToken);
            var created = (await db.QueryAsync<Guid>(InsertSql, new { Source = source, ImportId = importId, CallerId = callerId, Now = now }, cancellationToken)).ToHashSet();
            counts.Imported += created.Count;
            foreach (var (id, prepared) in first)
            {
                if (created.Contains(id)) continue;
                if (!stored.TryGetValue(id, out var hash)) counts.Add((await intake.StoreAsync(prepared, source, importId, cancellationToken)).Status);
                else if (hash == prepared.Hash) counts.Unchanged++;
                else counts.Add((await intake.StoreConflictAsync(prepared, cancellationToken)).Status);
            }
        }
        foreach (var repeat in repeats) counts.Add((await intake.StoreAsync(repeat, source, importId, cancellationToken)).Status);
        return counts;
    }

    private static async Task CopyAsync(NpgsqlConnection connection, IEnumerable<PreparedResponse> responses, CancellationToken cancellationToken)
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
                if (s.CampaignId is { } campaignId) await copy.WriteAsync(campaignId, NpgsqlDbType.Uuid, cancellationToken);
                else await copy.WriteNullAsync(cancellationToken);
                await copy.WriteAsync(ancestry.VillageId!.Value, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(ancestry.BlockId!.Value, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(ancestry.DistrictId!.Value, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(ancestry.StateId!.Value, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(ancestry.CountryId, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(prepared.Village.Path, NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(s.CollectedOn, NpgsqlDbType.Date, cancellationToken);
                await copy.WriteAsync(prepared.Sheet!.ToJson(), NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(prepared.Hash, NpgsqlDbType.Varchar, cancellationToken);
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
}
