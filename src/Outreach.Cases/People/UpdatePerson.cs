using FluentValidation;
using Mediator;
using Outreach.Cases.Consent;
using Outreach.Cases.Contracts;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Cases.People;

/// <summary>
/// Correct a person's details. The risk note changes only when the caller may see it; a stale version is a conflict,
/// so two workers editing at once never overwrite each other silently.
/// </summary>
public sealed record UpdatePerson(
    Guid Id, string? GivenName, string? FamilyName, string? Sex, int? BirthYear, string? Phone, string? RiskNote, int Version)
    : ICommand<PersonDetails>, IAuditedRequest
{
    string IAuditedRequest.AuditEntity => "person";
    Guid? IAuditedRequest.AuditEntityId => Id;
}

internal sealed class UpdatePersonValidator : AbstractValidator<UpdatePerson>
{
    public UpdatePersonValidator(TimeProvider time)
    {
        RuleFor(x => x.GivenName).MaximumLength(TextLimits.Name);
        RuleFor(x => x.FamilyName).MaximumLength(TextLimits.Name);
        RuleFor(x => x.Sex).Must(PersonRules.IsKnownSex).WithMessage("Sex must be female, male, other or left empty.");
        RuleFor(x => x.BirthYear).Must(year => PersonRules.IsPlausibleBirthYear(year, time)).WithMessage("Birth year must be between 1900 and this year.");
        RuleFor(x => x.Phone).Matches(PersonRules.PhonePattern).When(x => x.Phone is not null).WithMessage("Use digits, spaces and an optional leading +, at most 20.");
        RuleFor(x => x.RiskNote).MaximumLength(2000);
        RuleFor(x => x.Version).GreaterThan(0);
    }
}

internal sealed class UpdatePersonHandler(DbSession db, ICurrentUser caller, TimeProvider time, ISender sender)
    : ICommandHandler<UpdatePerson, PersonDetails>
{
    private const string UpdateSql = """
        UPDATE cases_person
        SET given_name = @GivenName, family_name = @FamilyName, sex = @Sex, birth_year = @BirthYear, phone = @Phone,
            risk_note = @RiskNote, search_key = @SearchKey, version = version + 1, updated_at = @Now
        WHERE id = @Id AND version = @Version
        """;

    public async ValueTask<PersonDetails> Handle(UpdatePerson command, CancellationToken cancellationToken)
    {
        caller.Require(Roles.OutreachWorker, Roles.Coordinator);
        var person = await db.RequireInScopeAsync(sender, command.Id, cancellationToken);
        await ConsentLedger.RequireCaseWorkAsync(db, time, person.Id, cancellationToken);
        var changed = await db.ExecuteAsync(UpdateSql, new
        {
            command.Id,
            GivenName = Text.OrNull(command.GivenName),
            FamilyName = Text.OrNull(command.FamilyName),
            Sex = Text.OrNull(command.Sex)?.ToLowerInvariant(),
            command.BirthYear,
            Phone = Text.OrNull(command.Phone),
            RiskNote = await db.MaySeeSensitiveAsync(caller, time, person, cancellationToken) ? Text.OrNull(command.RiskNote) : person.RiskNote,
            SearchKey = NameKey.For(command.GivenName, command.FamilyName),
            command.Version,
            Now = time.GetUtcNow(),
        }, cancellationToken);
        if (changed == 0) throw new ConcurrencyProblem("person", command.Version);
        return await sender.Send(new GetPerson(command.Id), cancellationToken);
    }
}

/// <summary>Close a case when the work with a person ends, or reopen it.</summary>
public sealed record SetPersonStatus(Guid Id, bool Open, int Version) : ICommand<PersonDetails>, IAuditedRequest
{
    string IAuditedRequest.AuditEntity => "person";
    Guid? IAuditedRequest.AuditEntityId => Id;
}

internal sealed class SetPersonStatusHandler(DbSession db, ICurrentUser caller, TimeProvider time, ISender sender)
    : ICommandHandler<SetPersonStatus, PersonDetails>
{
    private const string Sql = "UPDATE cases_person SET status = @Status, version = version + 1, updated_at = @Now WHERE id = @Id AND version = @Version";

    public async ValueTask<PersonDetails> Handle(SetPersonStatus command, CancellationToken cancellationToken)
    {
        caller.Require(Roles.OutreachWorker, Roles.Coordinator);
        await db.RequireInScopeAsync(sender, command.Id, cancellationToken);
        var args = new { command.Id, Status = command.Open ? "open" : "closed", command.Version, Now = time.GetUtcNow() };
        if (await db.ExecuteAsync(Sql, args, cancellationToken) == 0) throw new ConcurrencyProblem("person", command.Version);
        return await sender.Send(new GetPerson(command.Id), cancellationToken);
    }
}
