using FluentValidation;
using Mediator;
using Outreach.Cases.Consent;
using Outreach.Cases.Contracts;
using Outreach.Organization.Contracts;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Cases.People;

/// <summary>
/// Record a person met in a village, with the consent they gave. Without a name the person is pseudonymous and known
/// by their reference. The id is the client's: replaying the same record is a no-op, a different one under the same id a conflict.
/// </summary>
public sealed record RegisterPerson(
    Guid Id, Guid VillageId, string? GivenName, string? FamilyName, string? Sex, int? BirthYear, string? Phone, string? RiskNote,
    IReadOnlyList<ConsentPurpose> ConsentedPurposes, ConsentMethod ConsentMethod, DateOnly? ConsentExpiresOn)
    : ICommand<PersonDetails>, IAuditedRequest, IIdempotentCreate
{
    string IAuditedRequest.AuditEntity => "person";
    Guid? IAuditedRequest.AuditEntityId => Id;
}

internal sealed class RegisterPersonValidator : AbstractValidator<RegisterPerson>
{
    public RegisterPersonValidator(TimeProvider time)
    {
        RuleFor(x => x.Id).NotEmpty();
        RuleFor(x => x.VillageId).NotEmpty();
        RuleFor(x => x.GivenName).MaximumLength(TextLimits.Name);
        RuleFor(x => x.FamilyName).MaximumLength(TextLimits.Name);
        RuleFor(x => x.Sex).Must(PersonRules.IsKnownSex).WithMessage("Sex must be female, male, other or left empty.");
        RuleFor(x => x.BirthYear).Must(year => PersonRules.IsPlausibleBirthYear(year, time)).WithMessage("Birth year must be between 1900 and this year.");
        RuleFor(x => x.Phone).Matches(PersonRules.PhonePattern).When(x => x.Phone is not null).WithMessage("Use digits, spaces and an optional leading +, at most 20.");
        RuleFor(x => x.RiskNote).MaximumLength(2000);
        RuleFor(x => x.ConsentedPurposes).NotNull();
        RuleForEach(x => x.ConsentedPurposes).IsInEnum();
        RuleFor(x => x.ConsentMethod).IsInEnum();
        RuleFor(x => x.ConsentExpiresOn).Must(date => PersonRules.IsFuture(date, time)).WithMessage(PersonRules.ExpiredConsent);
    }
}

internal sealed class RegisterPersonHandler(DbSession db, ICurrentUser caller, TimeProvider time, ISender sender)
    : ICommandHandler<RegisterPerson, PersonDetails>
{
    private const string ExistingSql = "SELECT " + PersonRecord.Columns + " FROM cases_person p WHERE p.id = @Id";

    private const string InsertSql = """
        INSERT INTO cases_person (id, household_id, reference, given_name, family_name, sex, birth_year, phone, risk_note, status,
            village_id, block_id, district_id, state_id, country_id, region_path, assigned_worker_id, content_hash, search_key, version,
            created_by, created_at, updated_at)
        VALUES (@Id, NULL, @Reference, @GivenName, @FamilyName, @Sex, @BirthYear, @Phone, @RiskNote, 'open',
            @VillageId, @BlockId, @DistrictId, @StateId, @CountryId, @RegionPath, @CallerId, @ContentHash, @SearchKey, 1,
            @CallerId, @Now, @Now)
        """;

    public async ValueTask<PersonDetails> Handle(RegisterPerson command, CancellationToken cancellationToken)
    {
        caller.Require(Roles.OutreachWorker, Roles.Coordinator);
        var hash = PersonContent.Hash(command);

        if (await db.QuerySingleOrDefaultAsync<PersonRow>(ExistingSql, new { command.Id }, cancellationToken) is { } existing)
        {
            var stored = await sender.Send(new GetPerson(existing.Id), cancellationToken);
            if (PersonContent.Matches(existing.ContentHash, command)) return stored;
            throw new ConflictProblem($"A different person was already recorded with id '{command.Id}'. Both versions are attached; keep one and edit it.")
            {
                Extensions = { ["existing"] = stored, ["submitted"] = command },
            };
        }

        if (!command.ConsentedPurposes.Contains(ConsentPurpose.CaseWork))
        {
            throw new UnprocessableProblem("Record the person's consent to case work before recording them.");
        }

        var village = await PersonRecord.RequireVillageAsync(sender, command.VillageId, cancellationToken);
        var ancestry = RegionAncestry.FromPath(village.Path);
        var now = time.GetUtcNow();
        await db.ExecuteAsync(InsertSql, new
        {
            command.Id,
            Reference = PersonRecord.ReferenceFor(command.Id),
            GivenName = Text.OrNull(command.GivenName),
            FamilyName = Text.OrNull(command.FamilyName),
            Sex = Text.OrNull(command.Sex)?.ToLowerInvariant(),
            command.BirthYear,
            Phone = Text.OrNull(command.Phone),
            RiskNote = Text.OrNull(command.RiskNote),
            ancestry.VillageId, ancestry.BlockId, ancestry.DistrictId, ancestry.StateId, ancestry.CountryId,
            RegionPath = village.Path,
            CallerId = caller.UserId,
            ContentHash = hash,
            SearchKey = NameKey.For(command.GivenName, command.FamilyName),
            Now = now,
        }, cancellationToken);

        foreach (var purpose in command.ConsentedPurposes.Distinct())
        {
            await ConsentLedger.AppendAsync(db, time, caller, command.Id, purpose, true, command.ConsentMethod, command.ConsentExpiresOn, cancellationToken);
        }
        return await sender.Send(new GetPerson(command.Id), cancellationToken);
    }
}

internal static class PersonRules
{
    public const string PhonePattern = @"^\+?[0-9 ]{3,20}$";

    private static readonly string[] Sexes = ["female", "male", "other"];

    public static bool IsKnownSex(string? sex) => string.IsNullOrWhiteSpace(sex) || Sexes.Contains(sex.Trim().ToLowerInvariant());

    public const string ExpiredConsent = "A consent that has already expired cannot be recorded as given.";

    /// <summary>Rules about "today" read the clock when they run: validators live as long as the app.</summary>
    public static bool IsPlausibleBirthYear(int? year, TimeProvider time) => year is null || (year >= 1900 && year <= time.GetUtcNow().Year);

    public static bool IsFuture(DateOnly? date, TimeProvider time) => date is null || date > DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}

/// <summary>What makes two offline copies of a person the same person (ADR 0018).</summary>
internal static class PersonContent
{
    public static string Hash(RegisterPerson person) => new CanonicalHash()
        .Id("villageId", person.VillageId).Text("givenName", person.GivenName).Text("familyName", person.FamilyName).Text("sex", person.Sex)
        .Number("birthYear", person.BirthYear).Text("phone", person.Phone).Text("riskNote", person.RiskNote)
        .Set("consentedPurposes", person.ConsentedPurposes).Name("consentMethod", person.ConsentMethod).Date("consentExpiresOn", person.ConsentExpiresOn)
        .Compute();

    /// <summary>People stored before ADR 0018 carry the hash of the request's shape as it was then; both are accepted.</summary>
    public static bool Matches(string stored, RegisterPerson person) => stored == Hash(person) || stored == ShapeHashBefore0018(person);

    public static string ShapeHashBefore0018(RegisterPerson person) => PersonRecord.HashOf(new ShapeBefore0018(
        Guid.Empty, person.VillageId, person.GivenName, person.FamilyName, person.Sex, person.BirthYear, person.Phone, person.RiskNote,
        person.ConsentedPurposes, person.ConsentMethod, person.ConsentExpiresOn));

    /// <summary>Frozen: the properties, order and types <see cref="RegisterPerson"/> had when those hashes were stored.</summary>
    private sealed record ShapeBefore0018(
        Guid Id, Guid VillageId, string? GivenName, string? FamilyName, string? Sex, int? BirthYear, string? Phone, string? RiskNote,
        IReadOnlyList<ConsentPurpose> ConsentedPurposes, ConsentMethod ConsentMethod, DateOnly? ConsentExpiresOn);
}
