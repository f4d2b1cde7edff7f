using Mediator;
using Outreach.Cases.Referrals;
using QRCoder;

namespace Outreach.Host.Api;

public sealed record CreateReferralBody(Guid Id, Guid ServiceId, string Reason);

public sealed record ReferralNoteBody(string? Note);

public sealed record ReferralResponseBody(ProviderDecision Decision, string? Note);

public sealed record SentReferral(string Code, string Link, DateTimeOffset ExpiresAt);

public static class ReferralEndpoints
{
    public static RouteGroupBuilder MapReferralEndpoints(this RouteGroupBuilder api)
    {
        var people = api.MapGroup("/people").WithTags("Referrals");
        people.MapPost("/{id:guid}/referrals", async (Guid id, CreateReferralBody body, ISender sender, CancellationToken ct) =>
        {
            var referral = await sender.Send(new CreateReferral(body.Id, id, body.ServiceId, body.Reason), ct);
            return TypedResults.Created($"/api/v1/referrals/{referral.Id}", referral);
        }).WithSummary("Refer a person to a service; needs their ReferralSharing consent. The id is yours: a replay is a no-op.");

        people.MapGet("/{id:guid}/referrals", async (Guid id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListReferrals(id), ct)))
            .WithSummary("A person's referrals, newest first.");

        var referrals = api.MapGroup("/referrals").WithTags("Referrals");
        referrals.MapGet("/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetReferral(id), ct)))
            .WithSummary("One referral with its history and the moves it allows next.");

        referrals.MapPost("/{id:guid}/send", async (Guid id, HttpRequest request, ISender sender, CancellationToken ct) =>
        {
            var sent = await sender.Send(new SendReferral(id), ct);
            return TypedResults.Ok(new SentReferral(sent.Code, LinkFor(request, sent.Code), sent.ExpiresAt));
        }).WithSummary("Issue the provider's one-time code and link. Only its hash is kept: this is the one time it is shown.");

        referrals.MapPost("/{id:guid}/attended", async (Guid id, ReferralNoteBody? body, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new MarkAttended(id, body?.Note), ct)))
            .WithSummary("The person went to the service.");

        referrals.MapPost("/{id:guid}/close", async (Guid id, ReferralNoteBody? body, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new CloseReferral(id, body?.Note), ct)))
            .WithSummary("Close the loop on an attended, declined or expired referral.");

        referrals.MapPost("/{id:guid}/withdraw", async (Guid id, ReferralNoteBody? body, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new WithdrawReferral(id, body?.Note), ct)))
            .WithSummary("Withdraw a referral before it is attended; its code stops working.");

        referrals.MapGet("/{id:guid}/qr.png", async (Guid id, string code, HttpRequest request, ISender sender, CancellationToken ct) =>
        {
            if (!await sender.Send(new VerifyReferralCode(id, code), ct)) return Results.NotFound();
            return Results.File(QrPng(LinkFor(request, code)), "image/png");
        }).WithSummary("The provider link of a sent referral as a QR code, for the code you were given when sending it (?code=).");

        var codes = api.MapGroup("/referral-codes").WithTags("Referrals (providers)").AllowAnonymous()
            .RequireRateLimiting(Infrastructure.ReferralCodeRateLimit.Policy);
        codes.MapGet("/{code}", async (string code, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetReferralByCode(code), ct)))
            .WithSummary("For a provider without an account: what consent allows them to see of the referral behind a code.");

        codes.MapPost("/{code}", async (string code, ReferralResponseBody body, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new RespondToReferral(code, body.Decision, body.Note), ct)))
            .WithSummary("For a provider without an account: accept or decline the referral. A code works once.");
        return api;
    }

    public static string LinkFor(HttpRequest request, string code) => $"{request.Scheme}://{request.Host}/Referral/{code}";

    public static byte[] QrPng(string link) => new PngByteQRCode(QRCodeGenerator.GenerateQrCode(link, QRCodeGenerator.ECCLevel.M)).GetGraphic(8);
}
