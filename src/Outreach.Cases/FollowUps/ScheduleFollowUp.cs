using FluentValidation;
using Mediator;
using Outreach.Cases.Consent;
using Outreach.Cases.People;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Cases.FollowUps;

public sealed record FollowUpDetails
{
    public required Guid Id { get; init; }
    public required Guid PersonId { get; init; }
    public required DateOnly DueOn { get; init; }
    public required string Note { get; init; }
    public required string Status { get; init; }
    public required Guid AssignedWorkerId { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public required int Version { get; init; }
}

/// <summary>
/// Plan the next contact with a person; it is due to the person's worker. The id is the client's, so a follow-up scheduled
/// offline (possibly for a day already past) syncs once; a different one under the same id is a conflict.
/// </summary>
public sealed record ScheduleFollowUp(Guid Id, Guid PersonId, DateOnly DueOn, string Note) : ICommand<FollowUpDetails>, IAuditedRequest, IIdempotentCreate
{
    string IAuditedRequest.AuditEntity => "person";
    Guid? IAuditedRequest.AuditEntityId => PersonId;
}

internal sealed class ScheduleFollowUpValidator : AbstractValidator<ScheduleFollowUp>
{
    public ScheduleFollowUpValidator(TimeProvider time)
    {
        RuleFor(x => x.Id).NotEmpty();
        RuleFor(x => x.PersonId).NotEmpty();
        RuleFor(x => x.DueOn).GreaterThanOrEqualTo(new DateOnly(2000, 1, 1))
            .Must(on => on <= DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddYears(2)).WithMessage("Schedule follow-ups at most two years ahead.");
        RuleFor(x => x.Note).NotEmpty().MaximumLength(500);
    }
}

internal sealed class ScheduleFollowUpHandler(DbSession db, ICurrentUser caller, TimeProvider time, ISender sender)
    : ICommandHandler<ScheduleFollowUp, FollowUpDetails>
{
    private const string InsertSql = """
        INSERT INTO cases_follow_up (id, person_id, due_on, note, status, assigned_worker_id, completed_at, overdue_notified_on, version, created_at)
        VALUES (@Id, @PersonId, @DueOn, @Note, 'open', @AssignedWorkerId, NULL, NULL, 1, @Now)
        """;

    public async ValueTask<FollowUpDetails> Handle(ScheduleFollowUp command, CancellationToken cancellationToken)
    {
        caller.Require(Roles.OutreachWorker, Roles.Coordinator);
        var note = command.Note.Trim();
        if (await db.QuerySingleOrDefaultAsync<FollowUpDetails>(FollowUpRecord.ByIdSql, new { command.Id }, cancellationToken) is { } existing)
        {
            await db.RequireInScopeAsync(sender, existing.PersonId, cancellationToken);
            if (existing.PersonId == command.PersonId && existing.DueOn == command.DueOn && existing.Note == note) return existing;
            throw new ConflictProblem($"A different follow-up was already scheduled with id '{command.Id}'. Both versions are attached; keep one.")
            {
                Extensions = { ["existing"] = existing, ["submitted"] = command },
            };
        }

        var person = await db.RequireInScopeAsync(sender, command.PersonId, cancellationToken);
        await ConsentLedger.RequireCaseWorkAsync(db, time, person.Id, cancellationToken);
        await db.ExecuteAsync(InsertSql, new
        {
            command.Id, command.PersonId, command.DueOn, Note = note, person.AssignedWorkerId, Now = time.GetUtcNow(),
        }, cancellationToken);
        return (await db.QuerySingleOrDefaultAsync<FollowUpDetails>(FollowUpRecord.ByIdSql, new { command.Id }, cancellationToken))!;
    }
}

internal static class FollowUpRecord
{
    public const string Columns = "id, person_id, due_on, note, status, assigned_worker_id, completed_at, version";

    public const string ByIdSql = "SELECT " + Columns + " FROM cases_follow_up WHERE id = @Id";

    public static DateOnly Today(this TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}
