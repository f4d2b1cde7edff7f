using Mediator;
using Outreach.Organization.Contracts;
using Outreach.Shared;
using Outreach.Surveys.Campaigns;
using Outreach.Surveys.Contracts;
using Outreach.Surveys.Gaps;
using Outreach.Surveys.Responses;
using Outreach.Surveys.Templates;

namespace Outreach.Host.Api;

public sealed record PublishVersionBody(int Version, IReadOnlyList<Question> Questions);

public sealed record ResolveConflictBody(bool TakeSubmitted);

public sealed record ReportGapBody(Guid VillageId, string Category, string? Description);

public sealed record MoveGapBody(int Version, string State, string? Note);

public sealed record AssignGapBody(int Version, Guid? OwnerId, DateOnly? DueOn);

public static class SurveyEndpoints
{
    public static RouteGroupBuilder MapSurveyEndpoints(this RouteGroupBuilder api)
    {
        var surveys = api.MapGroup("/surveys").WithTags("Surveys");
        surveys.MapGet("/", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new ListTemplates(), ct)))
            .WithSummary("Every survey and its latest version.");
        surveys.MapPost("/", async (CreateTemplate body, ISender sender, CancellationToken ct) =>
        {
            var template = await sender.Send(body, ct);
            return TypedResults.Created($"/api/v1/surveys/{template.Id}", template);
        }).WithSummary("Coordinators: a new survey, published as version 1.");
        surveys.MapGet("/{id:guid}", async (Guid id, int? version, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetTemplate(id, version), ct)))
            .WithSummary("A survey's questions at a version; the latest when none is asked for.");
        surveys.MapPost("/{id:guid}/versions", async (Guid id, PublishVersionBody body, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new PublishTemplateVersion(id, body.Version, body.Questions), ct)))
            .WithSummary("Publish changed questions as the next version; responses keep the version they answered.");

        var campaigns = api.MapGroup("/campaigns").WithTags("Surveys");
        campaigns.MapGet("/", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new ListCampaigns(), ct)))
            .WithSummary("Campaigns that concern your regions.");
        campaigns.MapPost("/", async (CreateCampaign body, ISender sender, CancellationToken ct) =>
        {
            var campaign = await sender.Send(body, ct);
            return TypedResults.Created($"/api/v1/campaigns/{campaign.Id}", campaign);
        }).WithSummary("Coordinators: run a survey in some of your regions for a period, with a target per village.");
        campaigns.MapGet("/{id:guid}/progress", async (Guid id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetCampaignProgress(id), ct)))
            .WithSummary("Responses against target per village, least covered first.");

        var responses = api.MapGroup("/responses").WithTags("Survey responses");
        responses.MapPost("/", async (ResponseSubmission body, ISender sender, CancellationToken ct) =>
            Intake(await sender.Send(new SubmitResponse(body), ct)))
            .WithSummary("One response. 201 stored, 200 a replay, 409 a different response under the same id (kept for a coordinator), 400 invalid.");
        responses.MapPost("/sync", async (IReadOnlyList<ResponseSubmission> body, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new SyncResponses(body), ct)))
            .WithSummary("An offline device's queue (up to 500). Each entry gets its own status; resend the whole batch as often as you like.");
        responses.MapGet("/conflicts", async (ISender sender, CancellationToken ct, bool includeSettled = false) =>
            TypedResults.Ok(await sender.Send(new ListSyncConflicts(OpenOnly: !includeSettled), ct)))
            .WithSummary("Coordinators: responses that arrived twice with different content; with includeSettled, settled ones too, each replaced version kept.");
        responses.MapPost("/conflicts/{id:guid}/resolve", async (Guid id, ResolveConflictBody body, ISender sender, CancellationToken ct) =>
        {
            await sender.Send(new ResolveSyncConflict(id, body.TakeSubmitted), ct);
            return TypedResults.NoContent();
        }).WithSummary("Coordinators: keep the stored response, or replace it with the later one.");
        responses.MapGet("/counts/by-campaign", async (ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new CountResponsesByCampaign(), ct))).WithSummary("Responses and villages covered per campaign.");
        responses.MapGet("/counts/by-month", async (Guid? campaignId, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new CountResponsesByMonth(campaignId), ct))).WithSummary("Responses collected per month.");

        var gaps = api.MapGroup("/gaps").WithTags("Service gaps");
        gaps.MapGet("/", async (string? state, string? category, int? page, int? pageSize, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListGaps(state, category, page ?? 1, pageSize ?? 50), ct)))
            .WithSummary("Gaps in your regions, overdue and best-evidenced first.");
        gaps.MapPost("/", async (ReportGapBody body, ISender sender, CancellationToken ct) =>
        {
            var gap = await sender.Send(new ReportGap(body.VillageId, body.Category, body.Description), ct);
            return TypedResults.Created($"/api/v1/gaps/{gap.Id}", gap);
        }).WithSummary("Report that a village lacks a kind of support. One gap per village and category: a repeat is a 409 naming it.");
        gaps.MapGet("/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new GetGap(id), ct)))
            .WithSummary("A gap with its history and evidence (responses and visits).");
        gaps.MapPost("/{id:guid}/state", async (Guid id, MoveGapBody body, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new MoveGap(id, body.Version, body.State, body.Note), ct)))
            .WithSummary("Coordinators: verify, plan action, mark addressed, resolve, or reopen (with a note). A stale version is a 409.");
        gaps.MapPost("/{id:guid}/assignment", async (Guid id, AssignGapBody body, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new AssignGap(id, body.Version, body.OwnerId, body.DueOn), ct)))
            .WithSummary("Coordinators: set the gap's owner and due date.");
        gaps.MapGet("/map", async (bool? includeResolved, ISender sender, CancellationToken ct) =>
            Results.Text((await sender.Send(new GetGapMap(includeResolved ?? false), ct)).ToJsonString(), "application/geo+json"))
            .WithSummary("Gaps as GeoJSON, placed at the mean position of the village's located responses.");
        gaps.MapGet("/counts", async (RegionLevel? level, Guid? regionId, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new CountGaps(level ?? RegionLevel.District, regionId), ct)))
            .WithSummary("Gaps per region at a level, category and state.");
        gaps.MapGet("/counts/by-month", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new CountGapsByMonth(), ct)))
            .WithSummary("Gaps reported and resolved per month.");
        return api;
    }

    private static IResult Intake(IntakeResult result) => result.Status switch
    {
        IntakeStatus.Created => TypedResults.Created($"/api/v1/responses/{result.Id}", result),
        IntakeStatus.Unchanged => TypedResults.Ok(result),
        IntakeStatus.Conflict => TypedResults.Problem(
            detail: $"A different response was already stored with id '{result.Id}'. Yours is kept for a coordinator to compare; nothing was overwritten.",
            statusCode: StatusCodes.Status409Conflict, title: "Conflict",
            extensions: new Dictionary<string, object?> { ["conflictId"] = result.ConflictId }),
        _ => TypedResults.ValidationProblem(result.Errors!.ToDictionary(e => e.Key, e => new[] { e.Value }), title: "Invalid input"),
    };
}
