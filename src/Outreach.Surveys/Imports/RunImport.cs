using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Shared;
using Outreach.Shared.Security;
using Outreach.Surveys.Gaps;

namespace Outreach.Surveys.Imports;

/// <summary>
/// System: run an import batch by batch from its checkpoint, each batch its own transaction, as the person who started it
/// (so it writes only their villages); then propose gaps once. Safe to run twice: a second runner loses the checkpoint race
/// and stops. When the last of <paramref name="Attempts"/> fails too, the import is failed with where it stopped, so it
/// does not look running forever and can be resumed.
/// </summary>
public sealed record RunImport(Guid Id, int Attempt, int Attempts) : IRequest<ImportStep>;

internal sealed class RunImportHandler(ICurrentUser caller, ISender sender, IServiceScopeFactory scopes) : IRequestHandler<RunImport, ImportStep>
{
    public async ValueTask<ImportStep> Handle(RunImport request, CancellationToken cancellationToken)
    {
        if (caller.UserId != SystemUser.Id) throw new ForbiddenProblem("Only the system runs imports.");
        if (await sender.Send(new GetImportOwner(request.Id), cancellationToken) is not { } owner) return new ImportStep(true, ImportStatuses.Failed, 0);
        ImportStep step;
        try
        {
            do step = await NextBatchAsync(request.Id, new ActingUser(owner.CreatedBy, owner.CreatedRole), cancellationToken);
            while (!step.Done);
        }
        catch (ConflictProblem)
        {
            return new ImportStep(true, ImportStatuses.Running, 0);
        }
        catch (Exception failure) when (failure is not OperationCanceledException && request.Attempt >= request.Attempts)
        {
            await sender.Send(new GiveUpImport(request.Id, request.Attempt, failure.Message), cancellationToken);
            throw;
        }
        if (step.Status == ImportStatuses.Completed) await sender.Send(new ProposeGaps(), cancellationToken);
        return step;
    }

    /// <summary>Each batch in a scope of its own: a connection, a transaction and a caller that are the owner's.</summary>
    private async Task<ImportStep> NextBatchAsync(Guid importId, ICurrentUser owner, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ICallerSwitch>().RunAs(owner);
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ImportNextBatch(importId), cancellationToken);
    }
}
