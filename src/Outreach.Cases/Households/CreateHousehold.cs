using FluentValidation;
using Mediator;
using Outreach.Cases.People;
using Outreach.Organization.Contracts;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Cases.Households;

/// <summary>
/// Record a household in a village, e.g. "Bai family, near the well", with its first member when one is given (the person
/// whose page starts it), in one transaction: if the member cannot join, no household is recorded either. The id is the
/// client's: replaying the same household is a no-op, a different one under the same id a conflict.
/// </summary>
public sealed record CreateHousehold(Guid Id, Guid VillageId, string Label, HouseholdFirstMember? FirstMember = null)
    : ICommand<HouseholdDetails>, IAuditedRequest, IIdempotentCreate
{
    string IAuditedRequest.AuditEntity => "household";
    Guid? IAuditedRequest.AuditEntityId => Id;
}

/// <summary>The person a household starts with and how they are related to it (head, spouse, child, ...).</summary>
public sealed record HouseholdFirstMember(Guid PersonId, string Relationship);

internal sealed class CreateHouseholdValidator : AbstractValidator<CreateHousehold>
{
    public CreateHouseholdValidator()
    {
        RuleFor(x => x.Id).NotEmpty();
        RuleFor(x => x.VillageId).NotEmpty();
        RuleFor(x => x.Label).NotEmpty().MaximumLength(TextLimits.Name);
        RuleFor(x => x.FirstMember!.PersonId).NotEmpty().When(x => x.FirstMember is not null);
        RuleFor(x => x.FirstMember!.Relationship).Must(r => HouseholdRelationships.All.Contains(r)).When(x => x.FirstMember is not null)
            .WithMessage($"Relationship must be one of: {string.Join(", ", HouseholdRelationships.All)}.");
    }
}

internal sealed class CreateHouseholdHandler(DbSession db, ICurrentUser caller, TimeProvider time, ISender sender)
    : ICommandHandler<CreateHousehold, HouseholdDetails>
{
    private const string ExistingSql = "SELECT content_hash FROM cases_household WHERE id = @Id";

    private const string InsertSql = """
        INSERT INTO cases_household (id, label, village_id, block_id, district_id, state_id, country_id, region_path, content_hash, version,
            created_by, created_at, updated_at)
        VALUES (@Id, @Label, @VillageId, @BlockId, @DistrictId, @StateId, @CountryId, @RegionPath, @ContentHash, 1, @CallerId, @Now, @Now)
        """;

    public async ValueTask<HouseholdDetails> Handle(CreateHousehold command, CancellationToken cancellationToken)
    {
        caller.Require(Roles.OutreachWorker, Roles.Coordinator);
        var label = command.Label.Trim();
        // Without a first member the hashed shape is the one households were always stored with, so older replays still match.
        var hash = command.FirstMember is { } first
            ? PersonRecord.HashOf(new { Id = Guid.Empty, command.VillageId, Label = label, FirstMember = first })
            : PersonRecord.HashOf(new { Id = Guid.Empty, command.VillageId, Label = label });
        if (await db.QuerySingleOrDefaultAsync<string>(ExistingSql, new { command.Id }, cancellationToken) is { } existingHash)
        {
            var stored = await db.HouseholdDetailsAsync(sender, command.Id, cancellationToken);
            if (existingHash == hash) return stored;
            throw new ConflictProblem($"A different household was already recorded with id '{command.Id}'. Both versions are attached; keep one and edit it.")
            {
                Extensions = { ["existing"] = stored, ["submitted"] = command },
            };
        }

        var village = await PersonRecord.RequireVillageAsync(sender, command.VillageId, cancellationToken);
        var ancestry = RegionAncestry.FromPath(village.Path);
        await db.ExecuteAsync(InsertSql, new
        {
            command.Id, Label = label,
            ancestry.VillageId, ancestry.BlockId, ancestry.DistrictId, ancestry.StateId, ancestry.CountryId, RegionPath = village.Path,
            ContentHash = hash, CallerId = caller.UserId, Now = time.GetUtcNow(),
        }, cancellationToken);
        // Sent inside this command, it joins its transaction: a member refused rolls the household back too.
        if (command.FirstMember is { } member) return await sender.Send(new AddHouseholdMember(command.Id, member.PersonId, member.Relationship), cancellationToken);
        return await db.HouseholdDetailsAsync(sender, command.Id, cancellationToken);
    }
}
