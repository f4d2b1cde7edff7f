using Mediator;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;
using Outreach.Surveys.Contracts;

namespace Outreach.Surveys.Gaps;

/// <summary>Give a gap an owner (someone working in its village's regions) and a due date.</summary>
public sealed record AssignGap(Guid Id, int Version, Guid? OwnerId, DateOnly? DueOn) : ICommand<GapDetails>;

internal sealed class AssignGapHandler(DbSession db, ICurrentUser caller, TimeProvider time, ISender sender) : ICommandHandler<AssignGap, GapDetails>
{
    private const string Sql = """
        UPDATE surveys_gap SET owner_id = @OwnerId, due_on = @DueOn, updated_at = @Now, version = version + 1
        WHERE id = @Id AND version = @Version
        """;

    public async ValueTask<GapDetails> Handle(AssignGap command, CancellationToken cancellationToken)
    {
        caller.Require(Roles.Coordinator);
        var gap = await db.RequireInScopeAsync(sender, command.Id, cancellationToken);
        if (command.OwnerId is { } ownerId && await sender.Send(new Organization.Contracts.FindUserInScope(ownerId), cancellationToken) is null)
        {
            throw new UnprocessableProblem($"No active user with id '{ownerId}' works in your regions.");
        }
        if (command.DueOn is { } due && due < DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)) throw new UnprocessableProblem("The due date has passed already.");
        if (await db.ExecuteAsync(Sql, new { command.Id, command.Version, command.OwnerId, command.DueOn, Now = time.GetUtcNow() }, cancellationToken) == 0)
        {
            throw new ConcurrencyProblem("gap", command.Version);
        }
        return await db.RequireInScopeAsync(sender, gap.Id, cancellationToken);
    }
}
