using Mediator;
using Outreach.Cases.Households;

namespace Outreach.Host.Api;

public sealed record UpdateHouseholdBody(string Label, int Version);

public sealed record HouseholdMemberBody(string Relationship);

public static class HouseholdEndpoints
{
    public static RouteGroupBuilder MapHouseholdEndpoints(this RouteGroupBuilder api)
    {
        var households = api.MapGroup("/households").WithTags("Households");

        households.MapPost("/", async (CreateHousehold body, ISender sender, CancellationToken ct) =>
        {
            var household = await sender.Send(body, ct);
            return TypedResults.Created($"/api/v1/households/{household.Id}", household);
        }).WithSummary("Record a household in a village, optionally with its first member (firstMember: personId and relationship) in the same transaction: if the member cannot join, no household is recorded. The id is yours: a replay is a no-op, a different body a 409.");

        households.MapGet("/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetHousehold(id), ct)))
            .WithSummary("A household with its members, head first.");

        households.MapGet("/{id:guid}/members", async (Guid id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok((await sender.Send(new GetHousehold(id), ct)).Members))
            .WithSummary("A household's members and how they are related, head first.");

        households.MapPut("/{id:guid}", async (Guid id, UpdateHouseholdBody body, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new UpdateHousehold(id, body.Label, body.Version), ct)))
            .WithSummary("Rename a household. A stale version is a 409.");

        households.MapPut("/{id:guid}/members/{personId:guid}", async (Guid id, Guid personId, HouseholdMemberBody body, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new AddHouseholdMember(id, personId, body.Relationship), ct)))
            .WithSummary("Add a person of the household's village as a member (head, spouse, child, parent, sibling or other), or change how they are related.");

        households.MapDelete("/{id:guid}/members/{personId:guid}", async (Guid id, Guid personId, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new RemoveHouseholdMember(id, personId), ct)))
            .WithSummary("Take a person out of a household. Sending it again changes nothing.");
        return api;
    }
}
