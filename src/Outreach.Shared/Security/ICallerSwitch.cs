namespace Outreach.Shared.Security;

/// <summary>
/// Sets who the caller of a fresh scope is, for work done outside a request: an import runs as the person who started
/// it, so it writes only what they may write; a notification is delivered as the system user.
/// </summary>
public interface ICallerSwitch
{
    void RunAs(ICurrentUser user);
}

/// <summary>A caller known by id and role, for work that acts as a stored user without their sign-in.</summary>
public sealed record ActingUser(Guid UserId, string Role) : ICurrentUser
{
    public bool IsAuthenticated => true;
    public string? ClientAddress => null;
}
