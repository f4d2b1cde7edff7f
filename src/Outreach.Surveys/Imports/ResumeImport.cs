using Mediator;
using Microsoft.Extensions.Options;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;
using Outreach.Surveys.Templates;

namespace Outreach.Surveys.Imports;

/// <summary>
/// Coordinators: queue a failed import again. It goes on from its checkpoint, so rows already committed are not imported
/// twice; its counters and row errors carry on. Needs the uploaded file, which is kept for a while after the failure.
/// </summary>
public sealed record ResumeImport(Guid Id) : ICommand<ImportView>;

internal sealed class ResumeImportHandler(DbSession db, ICurrentUser caller, ISender sender, IOptions<ImportOptions> options) : ICommandHandler<ResumeImport, ImportView>
{
    private const string QueueSql = """
        UPDATE surveys_import SET status = 'queued', failure = NULL, finished_at = NULL, version = version + 1 WHERE id = @Id AND status = 'failed'
        """;

    public async ValueTask<ImportView> Handle(ResumeImport command, CancellationToken cancellationToken)
    {
        var record = await ImportRecord.RequireInScopeAsync(db, sender, caller, command.Id, cancellationToken);
        if (record.Status != ImportStatuses.Failed) throw new ConflictProblem($"Only a failed import can be resumed; this one is {record.Status}.");
        if (!options.Value.KeepsFileOf(record.Id))
        {
            throw new UnprocessableProblem(
                "The uploaded file of this import has been deleted, so it cannot go on. Upload the file again: rows already imported are recognised and not imported twice.");
        }
        if (await db.ExecuteAsync(QueueSql, new { command.Id }, cancellationToken) == 0) throw new ConflictProblem("The import changed meanwhile; reload it.");
        var version = await SurveyVersion.LoadAsync(db, record.TemplateId, record.TemplateVersion, cancellationToken);
        return (await ImportRecord.FindAsync(db, command.Id, cancellationToken))!.View(version.Questions);
    }
}
