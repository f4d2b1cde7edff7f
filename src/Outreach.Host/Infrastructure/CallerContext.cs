using System.Security.Claims;
using Outreach.Shared.Security;

namespace Outreach.Host.Infrastructure;

/// <summary>The caller of this scope: the signed-in user of the HTTP request, or whoever a job or start-up task runs as.</summary>
public sealed class CallerContext(IHttpContextAccessor http) : ICurrentUser, ICallerSwitch
{
    private ICurrentUser? runAs;

    public void RunAs(ICurrentUser user) => runAs = user;

    private ClaimsPrincipal? Principal => http.HttpContext?.User;

    public bool IsAuthenticated => runAs?.IsAuthenticated ?? Principal?.Identity?.IsAuthenticated == true;

    public Guid UserId => runAs?.UserId
        ?? (Guid.TryParse(Principal?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : Guid.Empty);

    public string Role => runAs?.Role ?? Principal?.FindFirstValue(ClaimTypes.Role) ?? "";

    public string? ClientAddress => runAs is not null ? runAs.ClientAddress : http.HttpContext?.Connection.RemoteIpAddress?.ToString();
}

public static class OutreachClaims
{
    public const string DisplayName = "outreach:display_name";

    public static ClaimsPrincipal Principal(Guid userId, string username, string displayName, string role, string scheme) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, userId.ToString()),
                new Claim(ClaimTypes.Name, username),
                new Claim(DisplayName, displayName),
                new Claim(ClaimTypes.Role, role),
            ], scheme, ClaimTypes.Name, ClaimTypes.Role));
}
