using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Outreach.Host.Infrastructure;

/// <summary>
/// A referral code is the only key to its referral, and anyone may try one. Eight characters from 31 cannot be guessed
/// at a few tries a minute per address; the budget (RateLimits:ReferralCodesPerMinute) is shared by the provider page
/// and the API.
/// </summary>
public static class ReferralCodeRateLimit
{
    public const string Policy = "referral-codes";

    public static bool Covers(PathString path) => path.StartsWithSegments("/Referral", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/api/v1/referral-codes", StringComparison.OrdinalIgnoreCase);

    public static void AddReferralCodePolicy(this RateLimiterOptions options, IConfiguration configuration)
    {
        var perMinute = configuration.GetValue("RateLimits:ReferralCodesPerMinute", 20);
        options.AddPolicy(Policy, context => RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1) }));
    }
}
