using FluentValidation;
using Mediator;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Surveys.Responses;

/// <summary>
/// An offline device's queue, sent when it finds a signal. Each response succeeds or fails on its own; the device keeps
/// only those whose status is Rejected, and may resend the whole batch any number of times.
/// </summary>
public sealed record SyncResponses(IReadOnlyList<ResponseSubmission> Responses) : ICommand<IReadOnlyList<IntakeResult>>, IIdempotentCreate;

internal sealed class SyncResponsesValidator : AbstractValidator<SyncResponses>
{
    public const int MaxBatch = 500;

    public SyncResponsesValidator() => RuleFor(x => x.Responses).NotNull().Must(r => r is { Count: <= MaxBatch })
        .WithMessage($"Send at most {MaxBatch} responses per batch.");
}

internal sealed class SyncResponsesHandler(ResponseIntake intake, ICurrentUser caller) : ICommandHandler<SyncResponses, IReadOnlyList<IntakeResult>>
{
    public async ValueTask<IReadOnlyList<IntakeResult>> Handle(SyncResponses command, CancellationToken cancellationToken)
    {
        caller.Require(Roles.OutreachWorker, Roles.Coordinator);
        var results = new List<IntakeResult>(command.Responses.Count);
        foreach (var response in command.Responses)
        {
            results.Add(response is null
                ? new IntakeResult(Guid.Empty, IntakeStatus.Rejected, new Dictionary<string, string> { ["response"] = "An empty entry is not a response." })
                : await intake.AcceptAsync(response, ResponseSources.Sync, null, cancellationToken));
        }
        return results;
    }
}
