using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Outreach.Host.Infrastructure;

/// <summary>
/// Per-account lockout stops guessing one password; this stops one address trying many accounts. Both the sign-in
/// page and the token endpoint share the budget. Every refusal is a 429 problem with Retry-After.
/// </summary>
public static class SignInRateLimit
{
    public const string Policy = "sign-in";

    public static IServiceCollection AddSignInRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var perMinute = configuration.GetValue("RateLimits:SignInPerMinute", 30);
        return services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return new ValueTask(Problems.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests",
                    "Too many tries from this address in the last minute. Wait a minute and try again."));
            };
            options.AddPolicy(Policy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1) }));
            options.AddReferralCodePolicy(configuration);
        });
    }
}
