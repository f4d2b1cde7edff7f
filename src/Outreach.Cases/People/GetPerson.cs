using Mediator;
using Outreach.Cases.Consent;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Cases.People;

public sealed record PersonDetails(
    Guid Id, string Reference, string DisplayName, bool IsPseudonymous, string? GivenName, string? FamilyName, string? Sex,
    int? BirthYear, string? Phone, bool HasRiskNote, string? RiskNote, bool MaySeeSensitive, string Status, Guid VillageId,
    Guid AssignedWorkerId, Guid? HouseholdId, int Version, IReadOnlyList<ConsentStatus> Consents);

/// <summary>
/// One person in the caller's regions, for the people who do case work (outreach workers and coordinators; managers
/// and admins work with aggregates, not identities). Every read is audited; the risk note, and even whether there is
/// one, is shown only to the person's worker and coordinators.
/// </summary>
public sealed record GetPerson(Guid Id) : IQuery<PersonDetails>, IAuditedRequest
{
    string IAuditedRequest.AuditEntity => "person";
    Guid? IAuditedRequest.AuditEntityId => Id;
}

internal sealed class GetPersonHandler(DbSession db, ICurrentUser caller, TimeProvider time, ISender sender) : IQueryHandler<GetPerson, PersonDetails>
{
    public async ValueTask<PersonDetails> Handle(GetPerson query, CancellationToken cancellationToken)
    {
        caller.Require(Roles.OutreachWorker, Roles.Coordinator);
        var person = await db.RequireInScopeAsync(sender, query.Id, cancellationToken);
        var sensitive = await db.MaySeeSensitiveAsync(caller, time, person, cancellationToken);
        var pseudonymous = person.GivenName is null && person.FamilyName is null;
        var name = PersonRecord.DisplayName(person.Reference, person.GivenName, person.FamilyName);
        return new PersonDetails(person.Id, person.Reference, name, pseudonymous, person.GivenName, person.FamilyName, person.Sex,
            person.BirthYear, person.Phone, sensitive && person.RiskNote is not null, sensitive ? person.RiskNote : null, sensitive, person.Status,
            person.VillageId, person.AssignedWorkerId, person.HouseholdId, person.Version,
            await ConsentLedger.CurrentAsync(db, time, person.Id, cancellationToken));
    }
}
