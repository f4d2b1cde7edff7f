using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Outreach.Shared.Security;

namespace Outreach.Host.Infrastructure;

/// <summary>Writes every refused request to the audit log before the usual challenge or forbid response.</summary>
public sealed class AuditedAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler inner = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden)
        {
            var audit = context.RequestServices.GetRequiredService<AuditLog>();
            await audit.RecordAsync(
                new AuditEntry($"{context.Request.Method} {context.GetEndpoint()?.DisplayName ?? "route"}", "route", null, AuditOutcome.Denied,
                    $"role not permitted: {context.Request.Path}"),
                context.RequestAborted);
        }
        await inner.HandleAsync(next, context, policy, authorizeResult);
    }
}
