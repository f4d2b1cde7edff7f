using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Cases.FollowUps;
using Outreach.Cases.People;
using Outreach.Cases.Referrals;
using Outreach.Cases.Visits;
using Outreach.Host.Api;
using Outreach.Organization.Contracts;
using Outreach.Shared;

namespace Outreach.Host.Pages.People;

public sealed class CaseworkModel(ISender sender, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public VisitForm Visit { get; set; } = new();
    [BindProperty] public FollowUpForm FollowUp { get; set; } = new();
    [BindProperty] public ReferralForm Referral { get; set; } = new();
    public Casework Casework { get; private set; } = null!;

    public IActionResult OnGet() => Redirect($"/People/{Id}");

    public Task<IActionResult> OnPostVisitAsync(CancellationToken ct) => RunAsync(nameof(Visit), new RecordVisit(Visit.Id, Id, Visit.VillageId ?? Guid.Empty,
        Visit.VisitedOn ?? default, Visit.Latitude, Visit.Longitude, Visit.Purpose ?? "", Visit.Notes, Visit.HealthNotes, Visit.GapCategories), "Visit recorded.", "visits", ct);

    public Task<IActionResult> OnPostFollowUpAsync(CancellationToken ct) =>
        RunAsync(nameof(FollowUp), new ScheduleFollowUp(FollowUp.Id, Id, FollowUp.DueOn ?? default, FollowUp.Note ?? ""), "Follow-up scheduled.", "follow-ups", ct);

    public Task<IActionResult> OnPostReferralAsync(CancellationToken ct) =>
        RunAsync(nameof(Referral), new CreateReferral(Referral.Id, Id, Referral.ServiceId ?? Guid.Empty, Referral.Reason ?? ""), "Referral created.", "referrals", ct);

    public async Task<IActionResult> OnPostSendReferralAsync(Guid referralId, CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        SentReferralView? sent = null;
        string? problem = null;
        try
        {
            var code = await sender.Send(new SendReferral(referralId), ct);
            var referral = await sender.Send(new GetReferral(referralId), ct);
            var link = ReferralEndpoints.LinkFor(Request, code.Code);
            sent = new SentReferralView(referralId, referral.ServiceName, code.Code, link, code.ExpiresAt,
                "data:image/png;base64," + Convert.ToBase64String(ReferralEndpoints.QrPng(link)));
        }
        catch (OutreachProblem error) when (error is UnprocessableProblem or ConcurrencyProblem or ConflictProblem)
        {
            problem = error.Message;
        }
        var person = await sender.Send(new GetPerson(Id), ct);
        var inScope = await sender.Send(new FindRegionInScope(person.VillageId), ct) is not null;
        Casework = await Casework.LoadAsync(sender, time, person, inScope, null, null, null, problem, ct, sent, problem is null ? null : "Send");
        return Page();
    }

    public async Task<IActionResult> OnPostCloseFollowUpAsync(Guid followUpId, int version, string outcome, CancellationToken ct)
    {
        var cancel = outcome == "cancelled";
        string message;
        var isProblem = true;
        try
        {
            await sender.Send<FollowUpDetails>(cancel ? new CancelFollowUp(followUpId, version) : new CompleteFollowUp(followUpId, version), ct);
            (message, isProblem) = (cancel ? "Follow-up cancelled." : "Follow-up marked done.", false);
        }
        catch (ConcurrencyProblem)
        {
            message = "Someone else changed this follow-up while you were looking at it. The list now shows it as it is; check it before trying again.";
        }
        catch (UnprocessableProblem problem)
        {
            message = problem.Message + " Someone else closed it meanwhile; the list now shows it as it is.";
        }
        if (Request.Headers.ContainsKey("HX-Request")) return Partial("_FollowUps", await FollowUpList.LoadAsync(sender, time, Id, message, isProblem, ct));
        TempData["Notice"] = message;
        return Redirect($"/People/{Id}#follow-ups");
    }

    private async Task<IActionResult> RunAsync<T>(string form, ICommand<T> command, string done, string section, CancellationToken ct)
    {
        var problem = "Some details need correcting; see the messages next to the fields.";
        try
        {
            if (ModelState.IsValid)
            {
                await sender.Send(command, ct);
                TempData["Notice"] = done;
                return Redirect($"/People/{Id}#{section}");
            }
        }
        catch (OutreachProblem error) when (error is ValidationProblem or ConflictProblem or UnprocessableProblem)
        {
            problem = PeopleText.Show(error, ModelState, form);
            if (error is ConflictProblem)
            {
                ModelState.Remove($"{form}.Id");
                Visit.Id = FollowUp.Id = Referral.Id = NewId.Next(time);
            }
        }
        var person = await sender.Send(new GetPerson(Id), ct);
        var inScope = await sender.Send(new FindRegionInScope(person.VillageId), ct) is not null;
        Casework = await Casework.LoadAsync(sender, time, person, inScope, form == nameof(Visit) ? Visit : null,
            form == nameof(FollowUp) ? FollowUp : null, form == nameof(Referral) ? Referral : null, problem, ct);
        return Page();
    }
}
