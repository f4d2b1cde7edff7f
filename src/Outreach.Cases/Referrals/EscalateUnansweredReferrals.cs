using Mediator;
using Microsoft.Extensions.Options;
using Outreach.Cases.Contracts;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Cases.Referrals;

/// <summary>
/// The daily job: referrals sent longer than <c>Cases:Referrals:EscalateAfterDays</c> ago without an answer are escalated once
/// (<see cref="ReferralEscalated"/>); referrals whose code has run out become expired. Safe to run any number of times.
/// </summary>
public sealed record EscalateUnansweredReferrals : ICommand<int>;

internal sealed class EscalateUnansweredReferralsHandler(DbSession db, ICurrentUser caller, TimeProvider time, IOptions<ReferralOptions> options)
    : ICommandHandler<EscalateUnansweredReferrals, int>
{
    private const string DueSql = """
        SELECT r.id, r.person_id, r.service_id, r.created_by, r.sent_at FROM cases_referral r
        WHERE r.status = 'sent' AND r.escalated_at IS NULL AND r.sent_at < @Cutoff
        ORDER BY r.sent_at, r.id
        """;

    private const string EscalateSql = """
        UPDATE cases_referral SET escalated_at = @Now, updated_at = @Now WHERE id = @Id AND status = 'sent' AND escalated_at IS NULL
        """;

    private const string ExpiredSql = "SELECT r.id FROM cases_referral r WHERE r.status = 'sent' AND r.code_expires_at < @Now";

    private const string ExpireSql = """
        UPDATE cases_referral SET status = 'expired', version = version + 1, updated_at = @Now WHERE id = @Id AND status = 'sent'
        """;

    private sealed record Due
    {
        public required Guid Id { get; init; }
        public required Guid PersonId { get; init; }
        public required Guid ServiceId { get; init; }
        public required Guid CreatedBy { get; init; }
        public required DateTimeOffset SentAt { get; init; }
    }

    public async ValueTask<int> Handle(EscalateUnansweredReferrals command, CancellationToken cancellationToken)
    {
        if (caller.UserId != SystemUser.Id) throw new ForbiddenProblem("Only the scheduler escalates referrals.");
        var now = time.GetUtcNow();
        var escalated = 0;
        foreach (var due in await db.QueryAsync<Due>(DueSql, new { Cutoff = now.AddDays(-options.Value.EscalateAfterDays) }, cancellationToken))
        {
            if (await db.ExecuteAsync(EscalateSql, new { due.Id, Now = now }, cancellationToken) == 0) continue;
            db.Raise(new ReferralEscalated(due.Id, due.PersonId, due.ServiceId, due.CreatedBy, due.SentAt));
            escalated++;
        }
        foreach (var id in await db.QueryAsync<Guid>(ExpiredSql, new { Now = now }, cancellationToken))
        {
            if (await db.ExecuteAsync(ExpireSql, new { Id = id, Now = now }, cancellationToken) == 0) continue;
            await db.AppendEventAsync(time, id, ReferralRecord.Sent, ReferralRecord.Expired, "system", "The code ran out before the provider answered.", cancellationToken);
        }
        return escalated;
    }
}
