namespace Outreach.Shared.Security;

/// <summary>
/// Sets who the caller of a fresh scope is, for work done on someone's behalf outside a request: an import runs as the
/// person who started it, so it writes only what they may write.
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
