using Mediator;
using Outreach.Cases.People;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Cases.Households;

/// <summary>Take a person out of a household (they moved away, or were added by mistake). Sending it again changes nothing.</summary>
public sealed record RemoveHouseholdMember(Guid HouseholdId, Guid PersonId) : ICommand<HouseholdDetails>, IAuditedRequest
{
    string IAuditedRequest.AuditEntity => "household";
    Guid? IAuditedRequest.AuditEntityId => HouseholdId;
}

internal sealed class RemoveHouseholdMemberHandler(DbSession db, ICurrentUser caller, TimeProvider time, ISender sender)
    : ICommandHandler<RemoveHouseholdMember, HouseholdDetails>
{
    public async ValueTask<HouseholdDetails> Handle(RemoveHouseholdMember command, CancellationToken cancellationToken)
    {
        caller.Require(Roles.OutreachWorker, Roles.Coordinator);
        await db.RequireHouseholdAsync(sender, command.HouseholdId, cancellationToken);
        var person = await db.RequireInScopeAsync(sender, command.PersonId, cancellationToken);
        if (person.HouseholdId == command.HouseholdId) await db.SetMembershipAsync(person, null, null, time.GetUtcNow(), cancellationToken);
        return await db.HouseholdDetailsAsync(sender, command.HouseholdId, cancellationToken);
    }
}
