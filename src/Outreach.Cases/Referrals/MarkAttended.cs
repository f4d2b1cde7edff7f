using FluentValidation;
using Mediator;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Cases.Referrals;

/// <summary>The person went to the service the provider accepted them for.</summary>
public sealed record MarkAttended(Guid Id, string? Note = null) : ICommand<ReferralDetails>, IAuditedRequest
{
    string IAuditedRequest.AuditEntity => "referral";
    Guid? IAuditedRequest.AuditEntityId => Id;
}

internal sealed class MarkAttendedValidator : AbstractValidator<MarkAttended>
{
    public MarkAttendedValidator() => RuleFor(x => x.Note).MaximumLength(500);
}

internal sealed class MarkAttendedHandler(DbSession db, ICurrentUser caller, TimeProvider time, ISender sender) : ICommandHandler<MarkAttended, ReferralDetails>
{
    public async ValueTask<ReferralDetails> Handle(MarkAttended command, CancellationToken cancellationToken)
    {
        caller.Require(Roles.OutreachWorker, Roles.Coordinator);
        var referral = await db.RequireReferralInScopeAsync(sender, command.Id, cancellationToken);
        await db.MoveAsync(time, referral, ReferralRecord.Attended, caller.UserId.ToString(), command.Note, cancellationToken);
        return await db.DetailsAsync(sender, command.Id, cancellationToken);
    }
}
