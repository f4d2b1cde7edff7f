using Mediator;
using Outreach.Cases.Consent;
using Outreach.Cases.Contracts;
using Outreach.Cases.People;

namespace Outreach.Host.Api;

public sealed record UpdatePersonBody(string? GivenName, string? FamilyName, string? Sex, int? BirthYear, string? Phone, string? RiskNote, int Version);

public sealed record PersonStatusBody(int Version);

public sealed record ConsentBody(ConsentPurpose Purpose, bool Granted, ConsentMethod Method, DateOnly? ExpiresOn);

public static class PeopleEndpoints
{
    public static RouteGroupBuilder MapPeopleEndpoints(this RouteGroupBuilder api)
    {
        var people = api.MapGroup("/people").WithTags("People");

        people.MapGet("/", async (string? text, Guid? villageId, bool? mine, int? page, int? pageSize, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new SearchPeople(text, villageId, mine ?? false, page ?? 1, pageSize ?? 50), ct)))
            .WithSummary("People in your regions by name, reference or phone.");

        people.MapGet("/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetPerson(id), ct)))
            .WithSummary("One person, with their consents. The risk note is shown only to their worker and coordinators.");

        people.MapPost("/", async (RegisterPerson body, ISender sender, CancellationToken ct) =>
        {
            var person = await sender.Send(body, ct);
            return TypedResults.Created($"/api/v1/people/{person.Id}", person);
        }).WithSummary("Record a person with the consent they gave. The id is yours: a replay is a no-op, a different body a 409.");

        people.MapPut("/{id:guid}", async (Guid id, UpdatePersonBody body, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new UpdatePerson(id, body.GivenName, body.FamilyName, body.Sex, body.BirthYear, body.Phone, body.RiskNote, body.Version), ct)))
            .WithSummary("Correct a person's details. A stale version is a 409.");

        people.MapPost("/{id:guid}/close", async (Guid id, PersonStatusBody body, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new SetPersonStatus(id, false, body.Version), ct)))
            .WithSummary("Close a person's case.");

        people.MapPost("/{id:guid}/reopen", async (Guid id, PersonStatusBody body, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new SetPersonStatus(id, true, body.Version), ct)))
            .WithSummary("Reopen a person's case.");

        people.MapPost("/{id:guid}/consents", async (Guid id, ConsentBody body, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new RecordConsent(id, body.Purpose, body.Granted, body.Method, body.ExpiresOn), ct)))
            .WithSummary("Grant or withdraw consent for one purpose; a withdrawal takes effect at once.");
        return api;
    }
}
