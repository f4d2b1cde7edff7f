using Mediator;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Cases.Referrals;

/// <summary>Whether a code is the live code of a referral in the caller's regions, before its link is shown again (as a QR code).</summary>
public sealed record VerifyReferralCode(Guid Id, string Code) : IQuery<bool>
{
    public override string ToString() => $"VerifyReferralCode {{ Id = {Id}, Code = *** }}";
}

internal sealed class VerifyReferralCodeHandler(DbSession db, ICurrentUser caller, TimeProvider time, ISender sender) : IQueryHandler<VerifyReferralCode, bool>
{
    public async ValueTask<bool> Handle(VerifyReferralCode query, CancellationToken cancellationToken)
    {
        caller.Require(Roles.OutreachWorker, Roles.Coordinator);
        var referral = await db.RequireReferralInScopeAsync(sender, query.Id, cancellationToken);
        return ReferralRecord.LooksLikeCode(query.Code) && referral.Status == ReferralRecord.Sent && referral.CodeExpiresAt > time.GetUtcNow()
            && referral.CodeHash == ReferralRecord.HashOfCode(query.Code);
    }
}
