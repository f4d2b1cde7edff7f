using Mediator;
using Outreach.Organization.Regions;
using Outreach.Reporting.Coverage;

namespace Outreach.Host.Api;

public static class RegionEndpoints
{
    public static RouteGroupBuilder MapRegionEndpoints(this RouteGroupBuilder api)
    {
        var regions = api.MapGroup("/regions").WithTags("Regions");

        regions.MapGet("/", async (Guid? parentId, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListRegions(parentId), ct)))
            .WithSummary("Your assigned regions, or the children of one of them.");

        regions.MapGet("/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetRegion(id), ct)))
            .WithSummary("A region in your scope, with its ancestors.");

        regions.MapPost("/", async (CreateRegion body, ISender sender, CancellationToken ct) =>
        {
            var region = await sender.Send(body, ct);
            return TypedResults.Created($"/api/v1/regions/{region.Id}", region);
        }).WithSummary("Add a region (Admin). Send your own id to make retries safe.");

        regions.MapPut("/{id:guid}", async (Guid id, RenameRegionBody body, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new UpdateRegion(id, body.Name, body.LocalName, body.Version), ct)))
            .WithSummary("Rename a region (Admin). A stale version is a 409 conflict.");

        regions.MapGet("/{id:guid}/coverage", async (Guid id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetCoverage(id), ct)))
            .WithSummary("How many blocks and villages lie under a region.");

        api.MapGet("/villages", async (string? search, int? page, int? pageSize, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListMyVillages(search, page ?? 1, pageSize ?? 50), ct)))
            .WithTags("Regions")
            .WithSummary("The villages in your regions, searchable by English or local name.");
        return api;
    }
}

public sealed record RenameRegionBody(string Name, string? LocalName, int Version);
