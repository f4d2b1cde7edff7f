using Mediator;
using Outreach.Cases.FollowUps;
using Outreach.Cases.Visits;

namespace Outreach.Host.Api;

public sealed record RecordVisitBody(
    Guid Id, Guid VillageId, DateOnly VisitedOn, decimal? Latitude, decimal? Longitude, string Purpose, string? Notes, string? HealthNotes,
    IReadOnlyList<string>? GapCategories);

public sealed record ScheduleFollowUpBody(Guid Id, DateOnly DueOn, string Note);

public sealed record FollowUpVersionBody(int Version);

public static class VisitEndpoints
{
    public static RouteGroupBuilder MapVisitEndpoints(this RouteGroupBuilder api)
    {
        var people = api.MapGroup("/people").WithTags("Visits and follow-ups");

        people.MapPost("/{id:guid}/visits", async (Guid id, RecordVisitBody body, ISender sender, CancellationToken ct) =>
        {
            var visit = await sender.Send(new RecordVisit(body.Id, id, body.VillageId, body.VisitedOn, body.Latitude, body.Longitude, body.Purpose,
                body.Notes, body.HealthNotes, body.GapCategories), ct);
            return TypedResults.Created($"/api/v1/people/{id}/visits", visit);
        }).WithSummary("Record a visit, with an optional GPS fix and the service gaps found. The id is yours: a replay is a no-op, a different body a 409.");

        people.MapGet("/{id:guid}/visits", async (Guid id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListVisits(id), ct)))
            .WithSummary("A person's visits, newest first. Health notes are shown only to their worker and coordinators.");

        people.MapPost("/{id:guid}/follow-ups", async (Guid id, ScheduleFollowUpBody body, ISender sender, CancellationToken ct) =>
        {
            var followUp = await sender.Send(new ScheduleFollowUp(body.Id, id, body.DueOn, body.Note), ct);
            return TypedResults.Created($"/api/v1/follow-ups/{followUp.Id}", followUp);
        }).WithSummary("Plan a follow-up with a person, due to their worker.");

        people.MapGet("/{id:guid}/follow-ups", async (Guid id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListFollowUps(id), ct)))
            .WithSummary("A person's follow-ups: open ones first, soonest due first, then done and cancelled ones.");

        var followUps = api.MapGroup("/follow-ups").WithTags("Visits and follow-ups");

        followUps.MapPost("/{id:guid}/complete", async (Guid id, FollowUpVersionBody body, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new CompleteFollowUp(id, body.Version), ct)))
            .WithSummary("Mark a follow-up done. A stale version is a 409.");

        followUps.MapPost("/{id:guid}/cancel", async (Guid id, FollowUpVersionBody body, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new CancelFollowUp(id, body.Version), ct)))
            .WithSummary("Cancel a follow-up that is no longer needed. A stale version is a 409.");

        followUps.MapGet("/overdue", async (int? page, int? pageSize, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListOverdueFollowUps(page ?? 1, pageSize ?? 50), ct)))
            .WithSummary("Coordinators: open follow-ups in your regions past their due date.");

        api.MapGet("/caseload", async (int? page, int? pageSize, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetCaseload(page ?? 1, pageSize ?? 50), ct)))
            .WithTags("Visits and follow-ups")
            .WithSummary("Your own open cases with their next follow-up, overdue first.");
        return api;
    }
}
