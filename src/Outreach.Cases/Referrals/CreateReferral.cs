using FluentValidation;
using Mediator;
using Outreach.Cases.Contracts;
using Outreach.Cases.Directory;
using Outreach.Cases.People;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Cases.Referrals;

/// <summary>
/// Refer a person to a service in the directory. Only with their consent to share the referral; the id is the client's,
/// so a replay is a no-op and a different referral under the same id a conflict.
/// </summary>
public sealed record CreateReferral(Guid Id, Guid PersonId, Guid ServiceId, string Reason) : ICommand<ReferralDetails>, IAuditedRequest, IIdempotentCreate
{
    string IAuditedRequest.AuditEntity => "referral";
    Guid? IAuditedRequest.AuditEntityId => Id;
}

internal sealed class CreateReferralValidator : AbstractValidator<CreateReferral>
{
    public CreateReferralValidator()
    {
        RuleFor(x => x.Id).NotEmpty();
        RuleFor(x => x.PersonId).NotEmpty();
        RuleFor(x => x.ServiceId).NotEmpty();
        RuleFor(x => x.Reason).NotEmpty().MaximumLength(500);
    }
}

internal sealed class CreateReferralHandler(DbSession db, ICurrentUser caller, TimeProvider time, ISender sender)
    : ICommandHandler<CreateReferral, ReferralDetails>
{
    private const string ExistingSql = "SELECT content_hash FROM cases_referral WHERE id = @Id";

    private const string AncestrySql = """
        SELECT village_id, block_id, district_id, state_id, country_id, region_path FROM cases_person WHERE id = @Id
        """;

    private const string InsertSql = """
        INSERT INTO cases_referral (id, person_id, service_id, status, reason, code_hash, code_expires_at, sent_at, escalated_at,
            village_id, block_id, district_id, state_id, country_id, region_path, content_hash, version, created_by, created_at, updated_at)
        VALUES (@Id, @PersonId, @ServiceId, 'created', @Reason, NULL, NULL, NULL, NULL,
            @VillageId, @BlockId, @DistrictId, @StateId, @CountryId, @RegionPath, @ContentHash, 1, @CallerId, @Now, @Now)
        """;

    private sealed record Ancestry
    {
        public required Guid VillageId { get; init; }
        public required Guid BlockId { get; init; }
        public required Guid DistrictId { get; init; }
        public required Guid StateId { get; init; }
        public required Guid CountryId { get; init; }
        public required string RegionPath { get; init; }
    }

    public async ValueTask<ReferralDetails> Handle(CreateReferral command, CancellationToken cancellationToken)
    {
        caller.Require(Roles.OutreachWorker, Roles.Coordinator);
        var hash = ReferralContent.Hash(command);
        if (await db.QuerySingleOrDefaultAsync<string>(ExistingSql, new { command.Id }, cancellationToken) is { } existingHash)
        {
            var stored = await db.DetailsAsync(sender, command.Id, cancellationToken);
            if (ReferralContent.Matches(existingHash, command)) return stored;
            throw new ConflictProblem($"A different referral was already recorded with id '{command.Id}'. Both versions are attached; keep one.")
            {
                Extensions = { ["existing"] = stored, ["submitted"] = command },
            };
        }

        await db.RequireInScopeAsync(sender, command.PersonId, cancellationToken);
        var service = await db.RequireServiceAsync(sender, command.ServiceId, false, cancellationToken);
        if (!await sender.Send(new HasConsent(command.PersonId, ConsentPurpose.ReferralSharing), cancellationToken))
        {
            throw new UnprocessableProblem("The person has not consented to sharing a referral (ReferralSharing), or has withdrawn it. Record their consent first.");
        }

        var ancestry = (await db.QuerySingleOrDefaultAsync<Ancestry>(AncestrySql, new { Id = command.PersonId }, cancellationToken))!;
        var now = time.GetUtcNow();
        await db.ExecuteAsync(InsertSql, new
        {
            command.Id, command.PersonId, command.ServiceId, Reason = command.Reason.Trim(),
            ancestry.VillageId, ancestry.BlockId, ancestry.DistrictId, ancestry.StateId, ancestry.CountryId, ancestry.RegionPath,
            ContentHash = hash, CallerId = caller.UserId, Now = now,
        }, cancellationToken);
        await db.AppendEventAsync(time, command.Id, null, ReferralRecord.Created, caller.UserId.ToString(), null, cancellationToken);
        if (service.Category == ServiceRecord.SupportGroup)
        {
            db.Raise(new PersonReferredToGroup(command.Id, command.ServiceId, ancestry.VillageId, DateOnly.FromDateTime(now.UtcDateTime)));
        }
        return await db.DetailsAsync(sender, command.Id, cancellationToken);
    }
}

/// <summary>What makes two offline copies of a referral the same referral (ADR 0018).</summary>
internal static class ReferralContent
{
    public static string Hash(CreateReferral referral) => new CanonicalHash()
        .Id("personId", referral.PersonId).Id("serviceId", referral.ServiceId).Text("reason", referral.Reason).Compute();

    /// <summary>Referrals stored before ADR 0018 carry the hash of the request's shape as it was then; both are accepted.</summary>
    public static bool Matches(string stored, CreateReferral referral) => stored == Hash(referral) || stored == ShapeHashBefore0018(referral);

    public static string ShapeHashBefore0018(CreateReferral referral) =>
        PersonRecord.HashOf(new ShapeBefore0018(Guid.Empty, referral.PersonId, referral.ServiceId, referral.Reason));

    /// <summary>Frozen: the properties, order and types <see cref="CreateReferral"/> had when those hashes were stored.</summary>
    private sealed record ShapeBefore0018(Guid Id, Guid PersonId, Guid ServiceId, string Reason);
}
