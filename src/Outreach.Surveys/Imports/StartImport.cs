using System.Text.Json;
using Mediator;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;
using Outreach.Surveys.Templates;

namespace Outreach.Surveys.Imports;

/// <summary>
/// Coordinators: queue the import. Missing required columns fail here, before any row, with the list. The mapping is
/// remembered for the survey. Starting twice is harmless: the second call only reports the status.
/// </summary>
public sealed record StartImport(Guid Id) : ICommand<ImportView>;

internal sealed class StartImportHandler(DbSession db, ICurrentUser caller, ISender sender, TimeProvider time) : ICommandHandler<StartImport, ImportView>
{
    private const string QueueSql = "UPDATE surveys_import SET status = 'queued', version = version + 1 WHERE id = @Id AND status = 'mapping'";

    public async ValueTask<ImportView> Handle(StartImport command, CancellationToken cancellationToken)
    {
        var record = await ImportRecord.RequireInScopeAsync(db, sender, caller, command.Id, cancellationToken);
        var version = await SurveyVersion.LoadAsync(db, record.TemplateId, record.TemplateVersion, cancellationToken);
        if (record.Status != ImportStatuses.Mapping) return record.View(version.Questions);

        var columns = record.ColumnList;
        var missing = ImportColumns.Missing(columns, version.Questions);
        if (missing.Count > 0)
        {
            throw new ValidationProblem(new Dictionary<string, string[]>
            {
                ["columns"] = [.. missing.Select(m => $"No column feeds {m}.")],
            });
        }
        var remembered = columns.GroupBy(c => c.Header).ToDictionary(g => g.Key, g => g.First().Target);
        await db.ExecuteAsync(db.Dialect.Upsert("surveys_import_mapping", ["template_id"], ["template_id", "mapping", "updated_by", "updated_at"]), new Dictionary<string, object?>
        {
            ["template_id"] = record.TemplateId,
            ["mapping"] = JsonSerializer.Serialize(remembered, ImportRecord.Json),
            ["updated_by"] = caller.UserId,
            ["updated_at"] = time.GetUtcNow(),
        }, cancellationToken);
        await db.ExecuteAsync(QueueSql, new { command.Id }, cancellationToken);
        return (await ImportRecord.FindAsync(db, command.Id, cancellationToken))!.View(version.Questions);
    }
}
