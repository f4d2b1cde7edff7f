using FluentValidation;
using Mediator;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Cases.People;

/// <summary>
/// For coordinators: fold a person recorded twice into one. The duplicate's consents, visits, follow-ups and referrals
/// move to the survivor; the duplicate stays, marked merged, so old links still resolve. Both versions must be current.
/// </summary>
public sealed record MergePeople(Guid SurvivorId, Guid DuplicateId, int SurvivorVersion, int DuplicateVersion)
    : ICommand<PersonDetails>, IAuditedRequest
{
    string IAuditedRequest.AuditEntity => "person";
    Guid? IAuditedRequest.AuditEntityId => SurvivorId;
}

internal sealed class MergePeopleValidator : AbstractValidator<MergePeople>
{
    public MergePeopleValidator()
    {
        RuleFor(x => x.SurvivorId).NotEmpty();
        RuleFor(x => x.DuplicateId).NotEmpty().NotEqual(x => x.SurvivorId).WithMessage("A person cannot be merged into themselves.");
        RuleFor(x => x.SurvivorVersion).GreaterThan(0);
        RuleFor(x => x.DuplicateVersion).GreaterThan(0);
    }
}

internal sealed class MergePeopleHandler(DbSession db, ICurrentUser caller, TimeProvider time, ISender sender, AuditLog audit)
    : ICommandHandler<MergePeople, PersonDetails>
{
    private const string BumpSurvivorSql = """
        UPDATE cases_person SET version = version + 1, updated_at = @Now WHERE id = @Id AND version = @Version AND status = 'open'
        """;

    private const string MarkMergedSql = """
        UPDATE cases_person SET status = 'merged', merged_into_id = @SurvivorId, version = version + 1, updated_at = @Now
        WHERE id = @Id AND version = @Version AND status = 'open'
        """;

    private const string MoveConsentsSql = "UPDATE cases_consent SET person_id = @SurvivorId WHERE person_id = @DuplicateId";
    private const string MoveVisitsSql = "UPDATE cases_visit SET person_id = @SurvivorId WHERE person_id = @DuplicateId";
    private const string MoveReferralsSql = "UPDATE cases_referral SET person_id = @SurvivorId WHERE person_id = @DuplicateId";

    private const string MoveFollowUpsSql = """
        UPDATE cases_follow_up
        SET person_id = @SurvivorId, assigned_worker_id = CASE WHEN status = 'open' THEN @WorkerId ELSE assigned_worker_id END
        WHERE person_id = @DuplicateId
        """;

    public async ValueTask<PersonDetails> Handle(MergePeople command, CancellationToken cancellationToken)
    {
        caller.Require(Roles.Coordinator);
        var survivor = await db.RequireInScopeAsync(sender, command.SurvivorId, cancellationToken);
        var duplicate = await db.RequireInScopeAsync(sender, command.DuplicateId, cancellationToken);
        RequireOpen(survivor);
        RequireOpen(duplicate);

        var now = time.GetUtcNow();
        if (await db.ExecuteAsync(BumpSurvivorSql, new { Id = survivor.Id, Version = command.SurvivorVersion, Now = now }, cancellationToken) == 0)
        {
            throw new ConcurrencyProblem("person", command.SurvivorVersion);
        }
        var marked = await db.ExecuteAsync(MarkMergedSql, new { Id = duplicate.Id, Version = command.DuplicateVersion, SurvivorId = survivor.Id, Now = now }, cancellationToken);
        if (marked == 0) throw new ConcurrencyProblem("person", command.DuplicateVersion);

        var move = new { SurvivorId = survivor.Id, DuplicateId = duplicate.Id, WorkerId = survivor.AssignedWorkerId };
        foreach (var sql in new[] { MoveConsentsSql, MoveVisitsSql, MoveFollowUpsSql, MoveReferralsSql })
        {
            await db.ExecuteAsync(sql, move, cancellationToken);
        }
        await audit.RecordAsync(new AuditEntry(nameof(MergePeople), "person", duplicate.Id, AuditOutcome.Allowed, $"merged into {survivor.Id}"), cancellationToken);
        return await sender.Send(new GetPerson(survivor.Id), cancellationToken);
    }

    private static void RequireOpen(PersonRow person)
    {
        if (person.Status != "open") throw new UnprocessableProblem($"{person.Reference} is {person.Status}; only open cases can be merged.");
    }
}
