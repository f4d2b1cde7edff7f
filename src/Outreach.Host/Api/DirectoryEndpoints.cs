using Mediator;
using Outreach.Cases.Directory;

namespace Outreach.Host.Api;

public sealed record UpdateServiceBody(string Name, string Category, string? Languages, string Contact, string? Hours, string Mode, int Version);

public static class DirectoryEndpoints
{
    public static RouteGroupBuilder MapDirectoryEndpoints(this RouteGroupBuilder api)
    {
        var services = api.MapGroup("/services").WithTags("Service directory");

        services.MapGet("/", async (string? category, string? text, Guid? regionId, int? page, int? pageSize, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new SearchServices(category, text, regionId, page ?? 1, pageSize ?? 50), ct)))
            .WithSummary("Services in your regions and at their ancestors (a state helpline), by category and text.");

        services.MapGet("/stale", async (int? page, int? pageSize, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListStaleServices(page ?? 1, pageSize ?? 50), ct)))
            .WithSummary("Services in your regions not verified for longer than Cases:Directory:StaleAfterDays, oldest first. Coordinators and managers.");

        services.MapGet("/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetService(id), ct)))
            .WithSummary("One service.");

        services.MapPost("/", async (AddService body, ISender sender, CancellationToken ct) =>
        {
            var service = await sender.Send(body, ct);
            return TypedResults.Created($"/api/v1/services/{service.Id}", service);
        }).WithSummary("Add a service serving a state, district or block. The id is yours: a replay is a no-op, a different body a 409.");

        services.MapPut("/{id:guid}", async (Guid id, UpdateServiceBody body, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new UpdateService(id, body.Name, body.Category, body.Languages, body.Contact, body.Hours, body.Mode, body.Version), ct)))
            .WithSummary("Correct a service's details. A stale version is a 409.");

        services.MapPost("/{id:guid}/verify", async (Guid id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new VerifyService(id), ct)))
            .WithSummary("Record that the service was checked today and still runs as described.");
        return api;
    }
}
