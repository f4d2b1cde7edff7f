using Mediator;
using Outreach.Cases.Access;
using Outreach.Cases.Consent;
using Outreach.Cases.Contracts;
using Outreach.Cases.People;

namespace Outreach.Host.Api;

public sealed record UpdatePersonBody(string? GivenName, string? FamilyName, string? Sex, int? BirthYear, string? Phone, string? RiskNote, int Version);

public sealed record PersonStatusBody(int Version);

public sealed record ConsentBody(ConsentPurpose Purpose, bool Granted, ConsentMethod Method, DateOnly? ExpiresOn);

public sealed record BreakGlassBody(string? Reason);

public sealed record MergeBody(Guid DuplicateId, int Version, int DuplicateVersion);

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

        people.MapPost("/{id:guid}/break-glass", async (Guid id, BreakGlassBody body, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new OpenSensitiveRecords(id, body.Reason!), ct)))
            .WithSummary("Open a person's sensitive notes for a while, giving a reason (10 to 500 characters). Audited and listed for coordinators.");

        people.MapPost("/{id:guid}/merge", async (Guid id, MergeBody body, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new MergePeople(id, body.DuplicateId, body.Version, body.DuplicateVersion), ct)))
            .WithSummary("Coordinators: move a duplicate's consents, visits, follow-ups and referrals to this person and mark it merged. A stale version is a 409.");

        api.MapGet("/break-glass", async (int? page, int? pageSize, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListBreakGlassAccess(page ?? 1, pageSize ?? 50), ct)))
            .WithTags("People")
            .WithSummary("Coordinators: who opened sensitive notes of people in your regions, why and when.");
        return api;
    }
}
