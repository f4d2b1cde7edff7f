using Mediator;
using Outreach.Cases.People;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Cases.FollowUps;

/// <summary>Mark an open follow-up done. Sending it again changes nothing; a stale version is a conflict.</summary>
public sealed record CompleteFollowUp(Guid Id, int Version) : ICommand<FollowUpDetails>, IAuditedRequest
{
    string IAuditedRequest.AuditEntity => "follow-up";
    Guid? IAuditedRequest.AuditEntityId => Id;
}

/// <summary>Drop an open follow-up that is no longer needed.</summary>
public sealed record CancelFollowUp(Guid Id, int Version) : ICommand<FollowUpDetails>, IAuditedRequest
{
    string IAuditedRequest.AuditEntity => "follow-up";
    Guid? IAuditedRequest.AuditEntityId => Id;
}

internal sealed class CompleteFollowUpHandler(DbSession db, ICurrentUser caller, TimeProvider time, ISender sender)
    : ICommandHandler<CompleteFollowUp, FollowUpDetails>, ICommandHandler<CancelFollowUp, FollowUpDetails>
{
    private const string CloseSql = """
        UPDATE cases_follow_up SET status = @Status, completed_at = @Now, version = version + 1
        WHERE id = @Id AND version = @Version AND status = 'open'
        """;

    public ValueTask<FollowUpDetails> Handle(CompleteFollowUp command, CancellationToken cancellationToken) =>
        CloseAsync(command.Id, command.Version, "done", cancellationToken);

    public ValueTask<FollowUpDetails> Handle(CancelFollowUp command, CancellationToken cancellationToken) =>
        CloseAsync(command.Id, command.Version, "cancelled", cancellationToken);

    private async ValueTask<FollowUpDetails> CloseAsync(Guid id, int version, string status, CancellationToken cancellationToken)
    {
        caller.Require(Roles.OutreachWorker, Roles.Coordinator);
        var followUp = await db.QuerySingleOrDefaultAsync<FollowUpDetails>(FollowUpRecord.ByIdSql, new { Id = id }, cancellationToken)
            ?? throw new NotFoundProblem("follow-up", id);
        await db.RequireInScopeAsync(sender, followUp.PersonId, cancellationToken);
        if (followUp.Status == status && followUp.Version == version + 1) return followUp;
        if (followUp.Status != "open") throw new UnprocessableProblem($"This follow-up is already {followUp.Status}.");
        var args = new { Id = id, Version = version, Status = status, Now = time.GetUtcNow() };
        if (await db.ExecuteAsync(CloseSql, args, cancellationToken) == 0) throw new ConcurrencyProblem("follow-up", version);
        return (await db.QuerySingleOrDefaultAsync<FollowUpDetails>(FollowUpRecord.ByIdSql, new { Id = id }, cancellationToken))!;
    }
}
