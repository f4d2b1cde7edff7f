using FluentValidation;
using Mediator;
using Outreach.Cases.Contracts;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Cases.Referrals;

/// <summary>Close the loop on a referral that was attended, declined or expired.</summary>
public sealed record CloseReferral(Guid Id, string? Note = null) : ICommand<ReferralDetails>, IAuditedRequest
{
    string IAuditedRequest.AuditEntity => "referral";
    Guid? IAuditedRequest.AuditEntityId => Id;
}

internal sealed class CloseReferralValidator : AbstractValidator<CloseReferral>
{
    public CloseReferralValidator() => RuleFor(x => x.Note).MaximumLength(500);
}

internal sealed class CloseReferralHandler(DbSession db, ICurrentUser caller, TimeProvider time, ISender sender) : ICommandHandler<CloseReferral, ReferralDetails>
{
    public async ValueTask<ReferralDetails> Handle(CloseReferral command, CancellationToken cancellationToken)
    {
        caller.Require(Roles.OutreachWorker, Roles.Coordinator);
        var referral = await db.RequireReferralInScopeAsync(sender, command.Id, cancellationToken);
        await db.MoveAsync(time, referral, ReferralRecord.Closed, caller.UserId.ToString(), command.Note, cancellationToken);
        db.Raise(new ReferralClosed(referral.Id, referral.PersonId, referral.ServiceId));
        return await db.DetailsAsync(sender, command.Id, cancellationToken);
    }
}
