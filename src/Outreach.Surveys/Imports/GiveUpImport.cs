using Mediator;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Surveys.Imports;

/// <summary>
/// System: the import job failed on its last attempt, so the import is failed with where it stopped instead of staying
/// running. The checkpoint stays, so a resume goes on from there. An import no longer queued or running is left alone.
/// </summary>
public sealed record GiveUpImport(Guid Id, int Attempts, string Error) : ICommand<bool>;

internal sealed class GiveUpImportHandler(DbSession db, ICurrentUser caller, TimeProvider time) : ICommandHandler<GiveUpImport, bool>
{
    public async ValueTask<bool> Handle(GiveUpImport command, CancellationToken cancellationToken)
    {
        if (caller.UserId != SystemUser.Id) throw new ForbiddenProblem("Only the system gives up on an import.");
        var record = await ImportRecord.FindAsync(db, command.Id, cancellationToken);
        if (record?.Status is not (ImportStatuses.Queued or ImportStatuses.Running)) return false;
        var error = command.Error.Trim().TrimEnd('.');
        var failure = $"Stopped at line {record.CheckpointLine} after {command.Attempts} attempts: {error}. Resume it to go on from there.";
        await ImportRecord.FailAsync(db, record.Id, failure, time.GetUtcNow(), cancellationToken);
        return true;
    }
}
