using FluentValidation;
using Mediator;
using Outreach.Cases.Consent;
using Outreach.Cases.People;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Cases.Households;

/// <summary>
/// Put a person of the household's village into it, saying how they are related (head, spouse, child, ...). Sending it again
/// changes nothing; a person already in another household must be removed there first.
/// </summary>
public sealed record AddHouseholdMember(Guid HouseholdId, Guid PersonId, string Relationship) : ICommand<HouseholdDetails>, IAuditedRequest
{
    string IAuditedRequest.AuditEntity => "household";
    Guid? IAuditedRequest.AuditEntityId => HouseholdId;
}

internal sealed class AddHouseholdMemberValidator : AbstractValidator<AddHouseholdMember>
{
    public AddHouseholdMemberValidator()
    {
        RuleFor(x => x.PersonId).NotEmpty();
        RuleFor(x => x.Relationship).Must(r => HouseholdRecord.Relationships.Contains(r))
            .WithMessage($"Relationship must be one of: {string.Join(", ", HouseholdRecord.Relationships)}.");
    }
}

internal sealed class AddHouseholdMemberHandler(DbSession db, ICurrentUser caller, TimeProvider time, ISender sender)
    : ICommandHandler<AddHouseholdMember, HouseholdDetails>
{
    public async ValueTask<HouseholdDetails> Handle(AddHouseholdMember command, CancellationToken cancellationToken)
    {
        caller.Require(Roles.OutreachWorker, Roles.Coordinator);
        var household = await db.HouseholdDetailsAsync(sender, command.HouseholdId, cancellationToken);
        var person = await db.RequireInScopeAsync(sender, command.PersonId, cancellationToken);
        if (household.Members.Any(m => m.PersonId == person.Id && m.Relationship == command.Relationship)) return household;
        if (person.Status == "merged") throw new UnprocessableProblem("This person was merged into another record; add that one instead.");
        if (person.HouseholdId is not null && person.HouseholdId != household.Id)
        {
            throw new ConflictProblem("This person already belongs to another household. Remove them from it first.");
        }
        if (person.VillageId != household.VillageId) throw new UnprocessableProblem("A household's members live in its village; this person is recorded in another village.");
        if (command.Relationship == "head" && household.Members.FirstOrDefault(m => m.Relationship == "head" && m.PersonId != person.Id) is { } head)
        {
            throw new UnprocessableProblem($"{head.DisplayName} is already the head of this household.");
        }
        await ConsentLedger.RequireCaseWorkAsync(db, time, person.Id, cancellationToken);
        await db.SetMembershipAsync(person, household.Id, command.Relationship, time.GetUtcNow(), cancellationToken);
        return await db.HouseholdDetailsAsync(sender, household.Id, cancellationToken);
    }
}
