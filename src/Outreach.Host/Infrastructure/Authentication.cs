using System.Security.Claims;
using System.Text.Encodings.Web;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using Outreach.Organization.Access;
using Outreach.Shared;

namespace Outreach.Host.Infrastructure;

public static class AuthSchemes
{
    public const string Cookie = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string Bearer = "Bearer";
    public const string ApiPolicy = "api";
}

/// <summary>Opaque API tokens in <c>Authorization: Bearer</c>, checked against their stored hash on every request.</summary>
public sealed class ApiTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ISender sender)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();

        var identity = await sender.Send(new AuthenticateApiToken(header["Bearer ".Length..].Trim()), Context.RequestAborted);
        if (identity is null) return AuthenticateResult.Fail("The token is unknown, expired or revoked.");

        var principal = OutreachClaims.Principal(identity.UserId, identity.Username, identity.DisplayName, identity.Role, Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        await Problems.WriteAsync(Context, 401, "Unauthorized", "Send a valid API token: Authorization: Bearer <token>.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.WriteAsync(Context, 403, "Forbidden", "Your role may not do this.");
}

public static class AuthenticationSetup
{
    public static IServiceCollection AddOutreachAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(AuthSchemes.Cookie)
            .AddCookie(AuthSchemes.Cookie, options =>
            {
                options.LoginPath = "/Account/Login";
                options.LogoutPath = "/Account/Logout";
                options.AccessDeniedPath = "/Account/AccessDenied";
                options.Cookie.Name = "outreach.auth";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = TimeSpan.FromHours(12);
                options.SlidingExpiration = true;
                options.Events.OnValidatePrincipal = RevalidateSessionAsync;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(AuthSchemes.Bearer, _ => { });

        services.AddAuthorizationBuilder()
            .AddPolicy(AuthSchemes.ApiPolicy, policy => policy.AddAuthenticationSchemes(AuthSchemes.Bearer).RequireAuthenticatedUser())
            .AddPolicy(Roles.Admin, policy => policy.RequireRole(Roles.Admin))
            .AddPolicy("people-managers", policy => policy.RequireRole(Roles.Admin, Roles.Coordinator, Roles.Manager))
            .AddPolicy("case-workers", policy => policy.RequireRole(Roles.OutreachWorker, Roles.Coordinator))
            .AddPolicy("coordinators", policy => policy.RequireRole(Roles.Coordinator));

        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, AuditedAuthorizationResultHandler>();
        return services;
    }

    /// <summary>A cookie is only as good as the account behind it: a deactivated user is signed out, a changed role or name is refreshed.</summary>
    private static async Task RevalidateSessionAsync(CookieValidatePrincipalContext context)
    {
        if (!Guid.TryParse(context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            context.RejectPrincipal();
            return;
        }
        var sender = context.HttpContext.RequestServices.GetRequiredService<ISender>();
        var account = await sender.Send(new GetSessionAccount(userId), context.HttpContext.RequestAborted);
        if (account is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(AuthSchemes.Cookie);
            return;
        }
        if (account.Role != context.Principal!.FindFirstValue(ClaimTypes.Role) || account.DisplayName != context.Principal.FindFirstValue(OutreachClaims.DisplayName))
        {
            context.ReplacePrincipal(OutreachClaims.Principal(account.UserId, account.Username, account.DisplayName, account.Role, AuthSchemes.Cookie));
            context.ShouldRenew = true;
        }
    }
}
