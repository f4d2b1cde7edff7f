using Mediator;
using Outreach.Cases.People;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Cases.Households;

/// <summary>A household and its members, head first. Every read is audited.</summary>
public sealed record GetHousehold(Guid Id) : IQuery<HouseholdDetails>, IAuditedRequest
{
    string IAuditedRequest.AuditEntity => "household";
    Guid? IAuditedRequest.AuditEntityId => Id;
}

internal sealed class GetHouseholdHandler(DbSession db, ICurrentUser caller, ISender sender) : IQueryHandler<GetHousehold, HouseholdDetails>
{
    public async ValueTask<HouseholdDetails> Handle(GetHousehold query, CancellationToken cancellationToken)
    {
        caller.Require(Roles.OutreachWorker, Roles.Coordinator);
        return await db.HouseholdDetailsAsync(sender, query.Id, cancellationToken);
    }
}
