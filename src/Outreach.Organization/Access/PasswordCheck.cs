using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Organization.Access;

internal enum SignInOutcome
{
    Succeeded,
    Failed,
    LockedOut,
}

/// <summary>Verifies a password, counts failures and locks the account after too many. Unknown users cost the same time as known ones.</summary>
internal sealed class PasswordCheck(
    DbSession db, PasswordHasher<UserAccount> hasher, TimeProvider time, IOptions<AccountOptions> options, AuditLog audit)
{
    private static readonly string DecoyHash = new PasswordHasher<UserAccount>().HashPassword(UserAccount.Hashing, "decoy password for timing");

    // The attempt is counted before the password is checked; the UPDATE holds the row until the sign-in commits,
    // so parallel guesses queue up and still get only MaxFailed tries. No row means the account is locked.
    private const string ReserveAttemptSql = """
        UPDATE org_user
        SET failed_sign_ins = CASE WHEN locked_until IS NULL THEN failed_sign_ins + 1 ELSE 1 END, locked_until = NULL
        WHERE id = @Id AND (locked_until IS NULL OR locked_until <= @Now)
        """;

    private const string LockSql = "UPDATE org_user SET locked_until = @LockUntil WHERE id = @Id AND failed_sign_ins >= @MaxFailed";

    private const string SucceededSql = "UPDATE org_user SET failed_sign_ins = 0, locked_until = NULL, password_hash = @PasswordHash WHERE id = @Id";

    public async Task<(SignInOutcome Outcome, UserAccount? User)> VerifyAsync(string username, string password, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var user = await db.QuerySingleOrDefaultAsync<UserAccount>(UserAccount.ByUsernameSql, new { Normalized = UserAccount.Normalize(username) }, cancellationToken);
        if (user is null)
        {
            hasher.VerifyHashedPassword(UserAccount.Hashing, DecoyHash, password);
            await AuditAsync(null, SignInOutcome.Failed, "unknown username", cancellationToken);
            return (SignInOutcome.Failed, null);
        }
        if (await db.ExecuteAsync(ReserveAttemptSql, new { user.Id, Now = now }, cancellationToken) == 0)
        {
            await AuditAsync(user.Id, SignInOutcome.LockedOut, "account locked", cancellationToken);
            return (SignInOutcome.LockedOut, user);
        }

        var verdict = hasher.VerifyHashedPassword(UserAccount.Hashing, user.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed || !user.IsActive)
        {
            await db.ExecuteAsync(LockSql, new { user.Id, MaxFailed = options.Value.MaxFailedAttempts, LockUntil = now + options.Value.LockoutDuration }, cancellationToken);
            await AuditAsync(user.Id, SignInOutcome.Failed, user.IsActive ? "wrong password" : "inactive account", cancellationToken);
            return (SignInOutcome.Failed, null);
        }

        var hash = verdict == PasswordVerificationResult.SuccessRehashNeeded ? hasher.HashPassword(UserAccount.Hashing, password) : user.PasswordHash;
        await db.ExecuteAsync(SucceededSql, new { user.Id, PasswordHash = hash }, cancellationToken);
        await audit.RecordAsync(new AuditEntry("SignIn", "user", user.Id, AuditOutcome.Allowed), cancellationToken);
        return (SignInOutcome.Succeeded, user);
    }

    private Task AuditAsync(Guid? userId, SignInOutcome outcome, string detail, CancellationToken cancellationToken) =>
        audit.RecordAsync(new AuditEntry("SignIn", "user", userId, AuditOutcome.Denied, $"{outcome}: {detail}"), cancellationToken);
}
