using Mediator;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Cases.Referrals;

/// <summary>For a provider without an account: what the referral behind a live code may show them.</summary>
public sealed record GetReferralByCode(string Code) : IQuery<ProviderReferralView>, IAuditedRequest
{
    string IAuditedRequest.AuditEntity => "referral";
    Guid? IAuditedRequest.AuditEntityId => null;

    public override string ToString() => "GetReferralByCode { Code = *** }";
}

internal sealed class GetReferralByCodeHandler(DbSession db, TimeProvider time) : IQueryHandler<GetReferralByCode, ProviderReferralView>
{
    public async ValueTask<ProviderReferralView> Handle(GetReferralByCode query, CancellationToken cancellationToken)
    {
        var (row, shareable) = await db.RequireLiveCodeAsync(time, query.Code, cancellationToken);
        return ProviderReferral.View(row, shareable, row.Status);
    }
}
