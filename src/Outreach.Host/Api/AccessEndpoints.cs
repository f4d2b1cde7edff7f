using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Outreach.Host.Infrastructure;
using Outreach.Organization.Access;
using Outreach.Organization.Users;
using Outreach.Shared.Security;

namespace Outreach.Host.Api;

public sealed record TokenRequest(string Username, string Password, string? DeviceName);

public static class AccessEndpoints
{
    public static RouteGroupBuilder MapAccessEndpoints(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Access");

        auth.MapPost("/tokens", async Task<Results<Created<IssuedApiToken>, ProblemHttpResult>> (TokenRequest body, ISender sender, CancellationToken ct) =>
        {
            var token = await sender.Send(new RequestApiToken(body.Username ?? "", body.Password ?? "", body.DeviceName ?? "API client"), ct);
            return token is null
                ? TypedResults.Problem(statusCode: 401, title: "Sign-in failed", detail: "The username or password is wrong, or the account is locked for a while after repeated failures.")
                : TypedResults.Created("/api/v1/auth/tokens", token);
        })
        .AllowAnonymous()
        .RequireRateLimiting(SignInRateLimit.Policy)
        .WithSummary("Exchange a username and password for an API token (shown once).");

        auth.MapGet("/tokens", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new ListApiTokens(), ct)))
            .WithSummary("Your API tokens.");

        auth.MapDelete("/tokens/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) =>
        {
            await sender.Send(new RevokeApiToken(id), ct);
            return TypedResults.NoContent();
        }).WithSummary("Revoke one of your API tokens.");

        api.MapGet("/me", async (ICurrentUser caller, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetUser(caller.UserId), ct)))
            .WithTags("Access").WithSummary("Who you are, your role and your regions.");
        return api;
    }
}
