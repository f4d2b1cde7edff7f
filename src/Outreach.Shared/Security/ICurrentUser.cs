namespace Outreach.Shared.Security;

/// <summary>Who is asking. Handlers take the caller from here, never from the request body.</summary>
public interface ICurrentUser
{
    bool IsAuthenticated { get; }
    Guid UserId { get; }
    string Role { get; }
    string? ClientAddress { get; }
}

public static class CurrentUserExtensions
{
    public static bool IsIn(this ICurrentUser user, params ReadOnlySpan<string> roles)
    {
        foreach (var role in roles)
        {
            if (user.Role == role) return true;
        }
        return false;
    }

    public static void Require(this ICurrentUser user, params ReadOnlySpan<string> roles)
    {
        if (!user.IsAuthenticated) throw new ForbiddenProblem("Sign in first.");
        if (!user.IsIn(roles)) throw new ForbiddenProblem($"Your role ({user.Role}) may not do this.");
    }
}

/// <summary>The identity background jobs run under: not a person, audited as "system".</summary>
public sealed class SystemUser : ICurrentUser
{
    public static readonly Guid Id = Guid.Empty;
    public bool IsAuthenticated => true;
    public Guid UserId => Id;
    public string Role => "System";
    public string? ClientAddress => null;
}
