using FluentValidation;
using Mediator;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Cases.Referrals;

/// <summary>Withdraw a referral before it is attended, for example when the person changes their mind; its code stops working.</summary>
public sealed record WithdrawReferral(Guid Id, string? Note = null) : ICommand<ReferralDetails>, IAuditedRequest
{
    string IAuditedRequest.AuditEntity => "referral";
    Guid? IAuditedRequest.AuditEntityId => Id;
}

internal sealed class WithdrawReferralValidator : AbstractValidator<WithdrawReferral>
{
    public WithdrawReferralValidator() => RuleFor(x => x.Note).MaximumLength(500);
}

internal sealed class WithdrawReferralHandler(DbSession db, ICurrentUser caller, TimeProvider time, ISender sender) : ICommandHandler<WithdrawReferral, ReferralDetails>
{
    public async ValueTask<ReferralDetails> Handle(WithdrawReferral command, CancellationToken cancellationToken)
    {
        caller.Require(Roles.OutreachWorker, Roles.Coordinator);
        var referral = await db.RequireReferralInScopeAsync(sender, command.Id, cancellationToken);
        await db.MoveAsync(time, referral, ReferralRecord.Withdrawn, caller.UserId.ToString(), command.Note, cancellationToken);
        return await db.DetailsAsync(sender, command.Id, cancellationToken);
    }
}
