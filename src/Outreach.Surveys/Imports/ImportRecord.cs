using System.Text.Json;
using Mediator;
using Outreach.Organization.Contracts;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Surveys.Imports;

public sealed class ImportOptions
{
    public const string Section = "Imports";

    /// <summary>Where uploaded files are kept until their import is done; relative paths are under the working directory.</summary>
    public string DataFolder { get; set; } = "data";

    public int MaxFileMegabytes { get; set; } = 50;

    /// <summary>
    /// Rows per transaction; the checkpoint moves once per batch. Unset, 1,000 — or 50,000 on PostgreSQL, which takes a
    /// batch by COPY in well under a second, where a smaller batch spends its time starting and committing.
    /// </summary>
    public int? BatchSize { get; set; }

    public int BatchSizeFor(DatabaseProvider provider) => BatchSize ?? (provider == DatabaseProvider.Postgres ? 50_000 : 1000);

    /// <summary>
    /// Days an uploaded file waits: an import not started by then is failed and its file deleted; a failed import's file
    /// is kept this long after it stopped, so it can be resumed.
    /// </summary>
    public int AbandonedAfterDays { get; set; } = 7;

    public long MaxFileBytes => MaxFileMegabytes * 1024L * 1024L;

    public string FileOf(Guid importId) => Path.Combine(Folder, $"{importId:N}.csv");

    /// <summary>Whether the import's uploaded file is still kept: a failed import can be resumed only while it is.</summary>
    public bool KeepsFileOf(Guid importId) => File.Exists(FileOf(importId));

    public string Folder => Path.Combine(Path.GetFullPath(DataFolder), "imports");
}

public static class ImportStatuses
{
    /// <summary>Uploaded; the mapping waits for review.</summary>
    public const string Mapping = "mapping";
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
}

/// <summary>An import as its owner sees it: the mapping, and how far the rows have got.</summary>
public sealed record ImportView
{
    public required Guid Id { get; init; }
    public required Guid TemplateId { get; init; }
    public required int TemplateVersion { get; init; }
    public Guid? CampaignId { get; init; }
    public required string FileName { get; init; }
    public required long SizeBytes { get; init; }
    public required string Status { get; init; }
    public string? Failure { get; init; }
    public required long RowsRead { get; init; }
    public required long Imported { get; init; }
    public required long Unchanged { get; init; }
    public required long Conflicts { get; init; }
    public required long Failed { get; init; }

    /// <summary>The last line of the file committed so far.</summary>
    public required long Line { get; init; }

    /// <summary>Share of the file's bytes committed, 0–100.</summary>
    public required int Percent { get; init; }

    public required IReadOnlyList<ImportColumn> Columns { get; init; }

    /// <summary>What the mapping still lacks; the import cannot start until this is empty.</summary>
    public required IReadOnlyList<string> Missing { get; init; }

    /// <summary>A failed import whose uploaded file is still kept, so it can go on from its checkpoint.</summary>
    public bool CanResume { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public required int Version { get; init; }
}

/// <summary>The surveys_import row and the few statements every import use case shares.</summary>
internal sealed record ImportRecord
{
    public required Guid Id { get; init; }
    public required Guid TemplateId { get; init; }
    public required int TemplateVersion { get; init; }
    public Guid? CampaignId { get; init; }
    public required string FileName { get; init; }
    public required long SizeBytes { get; init; }
    public required string Delimiter { get; init; }
    public required string Headers { get; init; }
    public required string Mapping { get; init; }
    public required string Status { get; init; }
    public string? Failure { get; init; }
    public required long CheckpointOffset { get; init; }
    public required long CheckpointLine { get; init; }
    public required long RowsRead { get; init; }
    public required long Imported { get; init; }
    public required long Unchanged { get; init; }
    public required long Conflicts { get; init; }
    public required long Failed { get; init; }
    public required Guid CreatedBy { get; init; }
    public required string CreatedRole { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public required int Version { get; init; }

    private const string Columns = """
        id AS Id, template_id AS TemplateId, template_version AS TemplateVersion, campaign_id AS CampaignId, file_name AS FileName,
        size_bytes AS SizeBytes, delimiter AS Delimiter, headers AS Headers, mapping AS Mapping, status AS Status, failure AS Failure,
        checkpoint_offset AS CheckpointOffset, checkpoint_line AS CheckpointLine, rows_read AS RowsRead, imported AS Imported,
        unchanged AS Unchanged, conflicts AS Conflicts, failed AS Failed, created_by AS CreatedBy, created_role AS CreatedRole,
        created_at AS CreatedAt, started_at AS StartedAt, finished_at AS FinishedAt, version AS Version
        """;

    private const string ByIdSql = $"SELECT {Columns} FROM surveys_import WHERE id = @Id";

    // Imports uploaded before they stored a region (region_path null) stay their uploader's alone.
    private const string InScopeSql = $"""
        SELECT {Columns} FROM surveys_import i
        WHERE i.id = @Id AND (i.created_by = @CallerId OR @AnyUploader = 1)
            AND ({ImportScope} OR (i.region_path IS NULL AND i.created_by = @CallerId))
        """;

    private const string ImportScope = """
        ({in:i.country_id,@CountryIds} OR {in:i.state_id,@StateIds} OR {in:i.district_id,@DistrictIds}
         OR {in:i.block_id,@BlockIds} OR {in:i.village_id,@VillageIds})
        """;

    private const string ExistsSql = "SELECT COUNT(*) FROM surveys_import WHERE id = @Id";

    private const string FailSql = """
        UPDATE surveys_import SET status = 'failed', failure = @Failure, finished_at = @Now, version = version + 1 WHERE id = @Id
        """;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public IReadOnlyList<string> HeaderList => JsonSerializer.Deserialize<List<string>>(Headers, Json)!;

    public IReadOnlyList<ImportColumn> ColumnList => JsonSerializer.Deserialize<List<ImportColumn>>(Mapping, Json)!;

    public byte DelimiterByte => (byte)Delimiter[0];

    public static Task<ImportRecord?> FindAsync(DbSession db, Guid id, CancellationToken cancellationToken) =>
        db.QuerySingleOrDefaultAsync<ImportRecord>(ByIdSql, new { Id = id }, cancellationToken);

    /// <summary>
    /// The caller's own import, or for an admin any import uploaded inside their regions. Any other import answers 404 as
    /// a missing one does, and is audited as a denial.
    /// </summary>
    public static async Task<ImportRecord> RequireInScopeAsync(DbSession db, ISender sender, ICurrentUser caller, Guid id, CancellationToken cancellationToken)
    {
        caller.Require(Roles.Coordinator, Roles.Admin);
        var scope = await sender.Send(new GetCallerScope(), cancellationToken);
        var args = scope.SqlArgs(db, new { Id = id, CallerId = caller.UserId, AnyUploader = caller.IsIn(Roles.Admin) ? 1 : 0 });
        return await db.RequireInScopeAsync<ImportRecord>(InScopeSql, args, ExistsSql, "import", id, cancellationToken);
    }

    /// <summary>The region an upload belongs to: the narrowest one holding every region the uploader is assigned to.</summary>
    public static string? RegionOf(RegionScope scope)
    {
        if (scope.Paths.Count == 0) return null;
        var common = scope.Paths[0].Split('/', StringSplitOptions.RemoveEmptyEntries);
        foreach (var path in scope.Paths.Skip(1))
        {
            var ids = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            common = [.. common.Zip(ids).TakeWhile(pair => pair.First == pair.Second).Select(pair => pair.First)];
        }
        return common.Length == 0 ? null : $"/{string.Join('/', common)}/";
    }

    public static Task FailAsync(DbSession db, Guid id, string failure, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.ExecuteAsync(FailSql, new { Id = id, Failure = failure.Length > 2000 ? failure[..2000] : failure, Now = now }, cancellationToken);

    public ImportView View(IReadOnlyList<Contracts.Question> questions)
    {
        var columns = ColumnList;
        return new ImportView
        {
            Id = Id, TemplateId = TemplateId, TemplateVersion = TemplateVersion, CampaignId = CampaignId, FileName = FileName,
            SizeBytes = SizeBytes, Status = Status, Failure = Failure, RowsRead = RowsRead, Imported = Imported, Unchanged = Unchanged,
            Conflicts = Conflicts, Failed = Failed, Line = CheckpointLine - 1,
            Percent = Status == ImportStatuses.Completed ? 100 : Status == ImportStatuses.Mapping || SizeBytes == 0 ? 0 : (int)Math.Clamp(CheckpointOffset * 100 / SizeBytes, 0, 99),
            Columns = columns, Missing = ImportColumns.Missing(columns, questions),
            CreatedAt = CreatedAt, StartedAt = StartedAt, FinishedAt = FinishedAt, Version = Version,
        };
    }
}
