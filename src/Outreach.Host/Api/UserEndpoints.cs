using Mediator;
using Outreach.Organization.Users;

namespace Outreach.Host.Api;

public sealed record AssignRegionsBody(IReadOnlyList<Guid> RegionIds, int Version);

public static class UserEndpoints
{
    public static RouteGroupBuilder MapUserEndpoints(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users");

        users.MapGet("/", async (string? search, int? page, int? pageSize, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListUsers(search, page ?? 1, pageSize ?? 50), ct)))
            .WithSummary("Users assigned inside your regions (Admin, Coordinator, Manager).");

        users.MapGet("/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetUser(id), ct)))
            .WithSummary("One user in your regions.");

        users.MapPost("/", async (CreateUser body, ISender sender, CancellationToken ct) =>
        {
            var user = await sender.Send(body, ct);
            return TypedResults.Created($"/api/v1/users/{user.Id}", user);
        }).WithSummary("Create a user in your regions (Admin).");

        users.MapPut("/{id:guid}/regions", async (Guid id, AssignRegionsBody body, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new AssignUserRegions(id, body.RegionIds ?? [], body.Version), ct)))
            .WithSummary("Replace a user's regions (Admin).");
        return api;
    }
}
