using FluentValidation;
using Mediator;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Cases.Referrals;

public enum ProviderDecision
{
    Accept,
    Decline,
}

/// <summary>
/// A provider without an account accepts or declines a referral with its code. The code works once, and not at all after the
/// person withdraws their consent to sharing it.
/// </summary>
public sealed record RespondToReferral(string Code, ProviderDecision Decision, string? Note) : ICommand<ProviderReferralView>, IAuditedRequest
{
    string IAuditedRequest.AuditEntity => "referral";
    Guid? IAuditedRequest.AuditEntityId => null;

    public override string ToString() => $"RespondToReferral {{ Code = ***, Decision = {Decision} }}";
}

internal sealed class RespondToReferralValidator : AbstractValidator<RespondToReferral>
{
    public RespondToReferralValidator()
    {
        RuleFor(x => x.Decision).IsInEnum();
        RuleFor(x => x.Note).MaximumLength(500);
    }
}

internal sealed class RespondToReferralHandler(DbSession db, TimeProvider time) : ICommandHandler<RespondToReferral, ProviderReferralView>
{
    public async ValueTask<ProviderReferralView> Handle(RespondToReferral command, CancellationToken cancellationToken)
    {
        var (row, shareable) = await db.RequireLiveCodeAsync(time, command.Code, cancellationToken);
        if (!shareable) throw new ReferralCodeProblem(410);
        var to = command.Decision == ProviderDecision.Accept ? ReferralRecord.Accepted : ReferralRecord.Declined;
        var referral = new ReferralRow
        {
            Id = row.Id, PersonId = row.PersonId, ServiceId = row.ServiceId, ServiceName = row.ServiceName, Status = row.Status, Reason = row.Reason,
            CreatedBy = row.CreatedBy, CreatedAt = row.CreatedAt, ContentHash = row.ContentHash, Version = row.Version,
        };
        await db.MoveAsync(time, referral, to, "provider", command.Note, cancellationToken);
        return ProviderReferral.View(row, shareable, to);
    }
}
