using Mediator;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Cases.Referrals;

/// <summary>One referral of a person in the caller's regions, with its history and the moves it allows next.</summary>
public sealed record GetReferral(Guid Id) : IQuery<ReferralDetails>, IAuditedRequest
{
    string IAuditedRequest.AuditEntity => "referral";
    Guid? IAuditedRequest.AuditEntityId => Id;
}

internal sealed class GetReferralHandler(DbSession db, ICurrentUser caller, ISender sender) : IQueryHandler<GetReferral, ReferralDetails>
{
    public async ValueTask<ReferralDetails> Handle(GetReferral query, CancellationToken cancellationToken)
    {
        caller.Require(Roles.OutreachWorker, Roles.Coordinator);
        return await db.DetailsAsync(sender, query.Id, cancellationToken);
    }
}
