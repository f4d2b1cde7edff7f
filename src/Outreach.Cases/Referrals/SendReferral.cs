using Mediator;
using Microsoft.Extensions.Options;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Cases.Referrals;

public sealed record ReferralCode(Guid ReferralId, string Code, DateTimeOffset ExpiresAt);

/// <summary>
/// Send a referral to its provider: issue a one-time short code, valid <c>Cases:Referrals:CodeValidDays</c>. Only its SHA-256
/// is stored, so the code is shown this once; sending again replaces it.
/// </summary>
public sealed record SendReferral(Guid Id) : ICommand<ReferralCode>, IAuditedRequest
{
    string IAuditedRequest.AuditEntity => "referral";
    Guid? IAuditedRequest.AuditEntityId => Id;

    public override string ToString() => $"SendReferral {{ Id = {Id} }}";
}

internal sealed class SendReferralHandler(DbSession db, ICurrentUser caller, TimeProvider time, ISender sender, IOptions<ReferralOptions> options)
    : ICommandHandler<SendReferral, ReferralCode>
{
    private const string Sql = """
        UPDATE cases_referral
        SET status = 'sent', code_hash = @CodeHash, code_expires_at = @ExpiresAt, sent_at = @Now, escalated_at = NULL,
            version = version + 1, updated_at = @Now
        WHERE id = @Id AND status = @From
        """;

    public async ValueTask<ReferralCode> Handle(SendReferral command, CancellationToken cancellationToken)
    {
        caller.Require(Roles.OutreachWorker, Roles.Coordinator);
        var referral = await db.RequireReferralInScopeAsync(sender, command.Id, cancellationToken);
        ReferralRecord.RequireMove(referral, ReferralRecord.Sent);
        var now = time.GetUtcNow();
        var code = ReferralRecord.NewCode();
        var expiresAt = now.AddDays(options.Value.CodeValidDays);
        var args = new { command.Id, CodeHash = ReferralRecord.HashOfCode(code), ExpiresAt = expiresAt, Now = now, From = referral.Status };
        if (await db.ExecuteAsync(Sql, args, cancellationToken) == 0) throw new ConcurrencyProblem("referral", referral.Version);
        await db.AppendEventAsync(time, referral.Id, referral.Status, ReferralRecord.Sent, caller.UserId.ToString(), null, cancellationToken);
        return new ReferralCode(referral.Id, code, expiresAt);
    }
}
