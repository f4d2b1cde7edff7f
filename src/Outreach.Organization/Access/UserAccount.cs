namespace Outreach.Organization.Access;

/// <summary>A user row as sign-in and user queries read it.</summary>
internal sealed record UserAccount
{
    public const string ByIdSql = """
        SELECT id, username, normalized_username, display_name, role, password_hash, is_active, failed_sign_ins, locked_until, version
        FROM org_user WHERE id = @Id
        """;

    public const string ByUsernameSql = """
        SELECT id, username, normalized_username, display_name, role, password_hash, is_active, failed_sign_ins, locked_until, version
        FROM org_user WHERE normalized_username = @Normalized
        """;

    /// <summary>The hasher needs a user instance but does not read it.</summary>
    public static readonly UserAccount Hashing = new()
    {
        Id = Guid.Empty, Username = "", NormalizedUsername = "", DisplayName = "", Role = "", PasswordHash = "", IsActive = false,
    };

    public required Guid Id { get; init; }
    public required string Username { get; init; }
    public required string NormalizedUsername { get; init; }
    public required string DisplayName { get; init; }
    public required string Role { get; init; }
    public required string PasswordHash { get; init; }
    public required bool IsActive { get; init; }
    public int FailedSignIns { get; init; }
    public DateTimeOffset? LockedUntil { get; init; }
    public int Version { get; init; }

    public bool IsLockedOut(DateTimeOffset now) => LockedUntil is { } until && until > now;

    public static string Normalize(string username) => username.Trim().ToUpperInvariant();
}

internal static class PasswordRules
{
    public const int MinimumLength = 10;
}

public sealed class AccountOptions
{
    public const string Section = "Organization:Accounts";

    public int MaxFailedAttempts { get; set; } = 5;
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);
    public int ApiTokenDays { get; set; } = 90;
}
