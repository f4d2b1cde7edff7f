using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;
using Outreach.Surveys.Contracts;

namespace Outreach.Surveys.Gaps;

/// <summary>
/// A coordinator moves a gap along its lifecycle (reported → verified → action planned → addressed → resolved) or reopens it.
/// Verifying sets the due date the programme promises unless one is set; every move is kept in the gap's history.
/// </summary>
public sealed record MoveGap(Guid Id, int Version, string State, string? Note) : ICommand<GapDetails>;

internal sealed class MoveGapValidator : AbstractValidator<MoveGap>
{
    public MoveGapValidator()
    {
        RuleFor(x => x.State).Must(s => GapStates.All.Contains(s)).WithMessage($"State must be one of: {string.Join(", ", GapStates.All)}.");
        RuleFor(x => x.Note).MaximumLength(1000);
    }
}

internal sealed class MoveGapHandler(DbSession db, ICurrentUser caller, TimeProvider time, ISender sender, IOptions<GapOptions> options)
    : ICommandHandler<MoveGap, GapDetails>
{
    private const string Sql = """
        UPDATE surveys_gap SET state = @State, due_on = @DueOn, updated_at = @Now, version = version + 1
        WHERE id = @Id AND version = @Version
        """;

    public async ValueTask<GapDetails> Handle(MoveGap command, CancellationToken cancellationToken)
    {
        caller.Require(Roles.Coordinator);
        var gap = await db.RequireInScopeAsync(sender, command.Id, cancellationToken);
        if (gap.Version != command.Version) throw new ConcurrencyProblem("gap", command.Version);
        if (!GapRecord.Transitions[gap.State].Contains(command.State))
        {
            throw new UnprocessableProblem($"A {gap.State} gap can move to {string.Join(" or ", GapRecord.Transitions[gap.State])}, not {command.State}.");
        }
        if (command.State == GapStates.Reported && string.IsNullOrWhiteSpace(command.Note)) throw new UnprocessableProblem("Say why the gap is reopened.");

        var now = time.GetUtcNow();
        var dueOn = command.State == GapStates.Verified && gap.DueOn is null
            ? DateOnly.FromDateTime(now.UtcDateTime).AddDays(options.Value.ResolveWithinDays)
            : gap.DueOn;
        if (await db.ExecuteAsync(Sql, new { command.Id, command.Version, command.State, DueOn = dueOn, Now = now }, cancellationToken) == 0)
        {
            throw new ConcurrencyProblem("gap", command.Version);
        }
        await GapRecord.RecordHistoryAsync(db, gap.Id, gap.State, command.State, Text.OrNull(command.Note), caller.UserId, now, cancellationToken);
        if (command.State == GapStates.Verified) db.Raise(new GapVerified(gap.Id, gap.VillageId, gap.Category, gap.OwnerId, dueOn));
        if (command.State == GapStates.Resolved) db.Raise(new GapResolved(gap.Id, gap.VillageId, gap.Category));
        return await db.RequireInScopeAsync(sender, gap.Id, cancellationToken);
    }
}
