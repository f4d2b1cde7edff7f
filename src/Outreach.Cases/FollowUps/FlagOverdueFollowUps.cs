using Dapper;
using Mediator;
using Microsoft.Extensions.Logging;
using Outreach.Cases.Contracts;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Cases.FollowUps;

/// <summary>
/// The daily job: mark each open follow-up past its due date as announced today and publish them in one notification.
/// Safe to run twice: a follow-up already announced today is skipped. Returns how many were flagged.
/// </summary>
public sealed record FlagOverdueFollowUps : ICommand<int>, IAuditedRequest
{
    string IAuditedRequest.AuditEntity => "follow-up";
    Guid? IAuditedRequest.AuditEntityId => null;
}

internal sealed class FlagOverdueFollowUpsHandler(DbSession db, ICurrentUser caller, TimeProvider time)
    : ICommandHandler<FlagOverdueFollowUps, int>
{
    private const int Batch = 500;

    private const string DueSql = """
        SELECT f.id AS follow_up_id, f.person_id, p.reference AS person_reference, f.assigned_worker_id, f.due_on
        FROM cases_follow_up f
        JOIN cases_person p ON p.id = f.person_id
        WHERE f.status = 'open' AND f.due_on < @Today AND (f.overdue_notified_on IS NULL OR f.overdue_notified_on < @Today)
        ORDER BY f.due_on, f.id
        """;

    private const string FlagSql = """
        UPDATE cases_follow_up SET overdue_notified_on = @Today
        WHERE {in:id,@Ids} AND (overdue_notified_on IS NULL OR overdue_notified_on < @Today)
        """;

    private sealed record DueRow
    {
        public required Guid FollowUpId { get; init; }
        public required Guid PersonId { get; init; }
        public required string PersonReference { get; init; }
        public required Guid AssignedWorkerId { get; init; }
        public required DateOnly DueOn { get; init; }
    }

    public async ValueTask<int> Handle(FlagOverdueFollowUps command, CancellationToken cancellationToken)
    {
        if (caller.UserId != SystemUser.Id) throw new ForbiddenProblem("Only the scheduled job flags overdue follow-ups.");
        var today = time.Today();
        var due = await db.QueryAsync<DueRow>(DueSql, new { Today = today }, cancellationToken);
        if (due.Count == 0) return 0;
        var flagged = 0;
        foreach (var chunk in due.Chunk(Batch))
        {
            var args = new DynamicParameters(new { Today = today });
            args.Add("Ids", db.IdList(chunk.Select(r => r.FollowUpId)));
            flagged += await db.ExecuteAsync(FlagSql, args, cancellationToken);
        }
        if (flagged == 0) return 0;
        db.Raise(new FollowUpsOverdue([.. due.Select(r => new OverdueFollowUp(r.FollowUpId, r.PersonId, r.PersonReference, r.AssignedWorkerId, r.DueOn))]));
        return flagged;
    }
}

/// <summary>Until workers get messages, each overdue run leaves one warning per worker in the logs; no personal data, only counts.</summary>
internal sealed partial class LogFollowUpsOverdueHandler(ILogger<LogFollowUpsOverdueHandler> logger) : INotificationHandler<FollowUpsOverdue>
{
    public ValueTask Handle(FollowUpsOverdue notification, CancellationToken cancellationToken)
    {
        foreach (var worker in notification.FollowUps.GroupBy(f => f.AssignedWorkerId))
        {
            LogOverdue(worker.Key, worker.Count(), worker.Min(f => f.DueOn));
        }
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(LogLevel.Warning, "Worker {WorkerId} has {Count} overdue follow-ups, the oldest due {OldestDueOn}")]
    private partial void LogOverdue(Guid workerId, int count, DateOnly oldestDueOn);
}
