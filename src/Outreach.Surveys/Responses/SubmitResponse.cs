using FluentValidation;
using Mediator;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Surveys.Responses;

/// <summary>One response from the form or the API.</summary>
public sealed record SubmitResponse(ResponseSubmission Response) : ICommand<IntakeResult>, IIdempotentCreate;

internal sealed class SubmitResponseValidator : AbstractValidator<SubmitResponse>
{
    public SubmitResponseValidator() => RuleFor(x => x.Response).NotNull();
}

internal sealed class SubmitResponseHandler(ResponseIntake intake, ICurrentUser caller) : ICommandHandler<SubmitResponse, IntakeResult>
{
    public async ValueTask<IntakeResult> Handle(SubmitResponse command, CancellationToken cancellationToken)
    {
        caller.Require(Roles.OutreachWorker, Roles.Coordinator);
        return await intake.AcceptAsync(command.Response, ResponseSources.App, null, cancellationToken);
    }
}
