using System.Text.Json;
using Mediator;
using Microsoft.Extensions.Options;
using Outreach.Organization.Contracts;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;
using Outreach.Surveys.Templates;

namespace Outreach.Surveys.Imports;

/// <summary>
/// Coordinators: a Kobo or ODK CSV export, streamed to the data folder (never held in memory), with a suggested column
/// mapping to review. Nothing is imported until the import is started.
/// </summary>
public sealed record UploadImport(Guid TemplateId, Guid? CampaignId, string FileName, Stream Content) : ICommand<ImportView>;

public sealed class FileTooLargeProblem(long maxBytes)
    : OutreachProblem(413, "File too large", $"The file is larger than {maxBytes / (1024 * 1024)} MB, the most one import takes here. Split the export (e.g. by date) and import each part.");

internal sealed class UploadImportHandler(DbSession db, ICurrentUser caller, TimeProvider time, ISender sender, IOptions<ImportOptions> options) : ICommandHandler<UploadImport, ImportView>
{
    private const string InsertSql = """
        INSERT INTO surveys_import (id, template_id, template_version, campaign_id, file_name, size_bytes, delimiter, headers, mapping,
            status, checkpoint_offset, checkpoint_line, rows_read, imported, unchanged, conflicts, failed, created_by, created_role, created_at, version,
            country_id, state_id, district_id, block_id, village_id, region_path)
        VALUES (@Id, @TemplateId, @TemplateVersion, @CampaignId, @FileName, @SizeBytes, @Delimiter, @Headers, @Mapping,
            'mapping', @CheckpointOffset, @CheckpointLine, 0, 0, 0, 0, 0, @CreatedBy, @CreatedRole, @CreatedAt, 1,
            @CountryId, @StateId, @DistrictId, @BlockId, @VillageId, @RegionPath)
        """;

    private const string SavedSql = "SELECT mapping FROM surveys_import_mapping WHERE template_id = @TemplateId";

    private const string CampaignSql = "SELECT COUNT(*) FROM surveys_campaign WHERE id = @Id AND template_id = @TemplateId";

    public async ValueTask<ImportView> Handle(UploadImport command, CancellationToken cancellationToken)
    {
        caller.Require(Roles.Coordinator, Roles.Admin);
        var version = await SurveyVersion.LoadAsync(db, command.TemplateId, null, cancellationToken);
        if (command.CampaignId is { } campaignId && await db.ExecuteScalarAsync<long>(CampaignSql, new { Id = campaignId, command.TemplateId }, cancellationToken) == 0)
        {
            throw new UnprocessableProblem("No campaign with that id runs this survey.");
        }
        var regionPath = ImportRecord.RegionOf(await sender.Send(new GetCallerScope(), cancellationToken));
        var region = regionPath is null ? null : RegionAncestry.FromPath(regionPath);
        var id = NewId.Next(time);
        var path = options.Value.FileOf(id);
        var size = await SaveAsync(command.Content, path, cancellationToken);
        try
        {
            var (delimiter, headers, offset, line) = ReadHeader(path);
            var savedJson = await db.QuerySingleOrDefaultAsync<string>(SavedSql, new { command.TemplateId }, cancellationToken);
            var saved = savedJson is null ? null : JsonSerializer.Deserialize<Dictionary<string, string?>>(savedJson, ImportRecord.Json);
            var columns = ImportColumns.Suggest(headers, version.Questions, saved);
            await db.ExecuteAsync(InsertSql, new
            {
                Id = id, command.TemplateId, TemplateVersion = version.Number, command.CampaignId,
                FileName = Text.OrNull(Path.GetFileName(command.FileName)) is { } name ? name[..Math.Min(name.Length, 260)] : "export.csv",
                SizeBytes = size, Delimiter = ((char)delimiter).ToString(), Headers = JsonSerializer.Serialize(headers, ImportRecord.Json),
                Mapping = JsonSerializer.Serialize(columns, ImportRecord.Json), CheckpointOffset = offset, CheckpointLine = line,
                CreatedBy = caller.UserId, CreatedRole = caller.Role, CreatedAt = time.GetUtcNow(),
                CountryId = region?.CountryId, StateId = region?.StateId, DistrictId = region?.DistrictId, BlockId = region?.BlockId,
                VillageId = region?.VillageId, RegionPath = regionPath,
            }, cancellationToken);
            var record = await ImportRecord.FindAsync(db, id, cancellationToken);
            return record!.View(version.Questions);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    private async Task<long> SaveAsync(Stream content, string path, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var max = options.Value.MaxFileBytes;
        var buffer = new byte[81920];
        long total = 0;
        try
        {
            await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
                if (total > max) break;
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        catch
        {
            // A body cut off or malformed half-way leaves no half file behind.
            File.Delete(path);
            throw;
        }
        if (total > max)
        {
            File.Delete(path);
            throw new FileTooLargeProblem(max);
        }
        return total;
    }

    /// <summary>The delimiter, the header's cells and where the first row starts; an empty file or a file without rows is refused.</summary>
    internal static (byte Delimiter, IReadOnlyList<string> Headers, long Offset, long Line) ReadHeader(string path)
    {
        var head = new byte[65536];
        int count;
        using (var file = File.OpenRead(path)) count = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var delimiter = CsvRecords.DetectDelimiter(head.AsSpan(0, count));
        using var records = CsvRecords.Open(path, delimiter);
        var headers = new List<string>();
        if (!records.Read(headers) || headers.All(string.IsNullOrWhiteSpace))
        {
            throw new UnprocessableProblem("The file is empty: export the submissions as CSV from KoboToolbox or ODK Central, with a header row.");
        }
        var (offset, line) = (records.Offset, records.NextLine);
        if (!records.Read([])) throw new UnprocessableProblem("The file has a header row but no submissions.");
        return (delimiter, headers.Select(h => h.Trim()).ToList(), offset, line);
    }
}
