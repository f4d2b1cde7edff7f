using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Cases.Consent;
using Outreach.Cases.Contracts;
using Outreach.Cases.People;
using Outreach.Organization.Contracts;
using Outreach.Shared;

namespace Outreach.Host.Pages.People;

public sealed class DetailsModel(ISender sender, TimeProvider time) : PageModel
{
    public sealed class Details
    {
        public string? GivenName { get; set; }
        public string? FamilyName { get; set; }
        public string? Sex { get; set; }
        public int? BirthYear { get; set; }
        public string? Phone { get; set; }
        public string? RiskNote { get; set; }
        public int Version { get; set; }
    }

    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public Details Edit { get; set; } = new();
    [TempData] public string? Notice { get; set; }
    public PersonDetails Person { get; private set; } = null!;
    public RegionSummary? Village { get; private set; }
    public string? Problem { get; private set; }
    public Casework? Casework { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Person = await sender.Send(new GetPerson(Id), ct);
        Village = await sender.Send(new FindRegionInScope(Person.VillageId), ct);
        if (PeopleText.MayChange(User)) Casework = await Casework.LoadAsync(sender, time, Person, Village is not null, null, null, null, null, ct);
        if (!keepEdit)
        {
            ModelState.Clear();
            Edit = new() { GivenName = Person.GivenName, FamilyName = Person.FamilyName, Sex = Person.Sex, BirthYear = Person.BirthYear, Phone = Person.Phone, RiskNote = Person.RiskNote, Version = Person.Version };
        }
    }

    public Task<IActionResult> OnPostEditAsync(CancellationToken ct)
    {
        keepEdit = true;
        return RunAsync(new UpdatePerson(Id, Edit.GivenName, Edit.FamilyName, Edit.Sex, Edit.BirthYear, Edit.Phone, Edit.RiskNote, Edit.Version), "Details saved.", ct);
    }

    public Task<IActionResult> OnPostStatusAsync(bool open, int version, CancellationToken ct) =>
        RunAsync(new SetPersonStatus(Id, open, version), open ? "Case reopened." : "Case closed.", ct);

    public Task<IActionResult> OnPostConsentAsync(ConsentPurpose purpose, bool granted, ConsentMethod method, DateOnly? expiresOn, CancellationToken ct) =>
        RunAsync(new RecordConsent(Id, purpose, granted, method, expiresOn), $"Consent for {PeopleText.Purpose(purpose).ToLowerInvariant()} {(granted ? "given" : "withdrawn")}.", ct);

    private const string ConcurrencyText = "Someone else changed this person while you were editing. The form now shows the current details; apply your change again.";

    private bool keepEdit;

    private async Task<IActionResult> RunAsync<T>(ICommand<T> command, string done, CancellationToken ct)
    {
        try
        {
            if (ModelState.IsValid)
            {
                await sender.Send(command, ct);
                Notice = done;
                return Redirect($"/People/{Id}");
            }
            Problem = "Some details need correcting; see the messages next to the fields.";
        }
        catch (OutreachProblem problem) when (problem is ValidationProblem or ConcurrencyProblem or ConflictProblem or UnprocessableProblem)
        {
            keepEdit &= problem is not ConcurrencyProblem;
            Problem = problem is ConcurrencyProblem ? ConcurrencyText
                : keepEdit ? PeopleText.Show(problem, ModelState, "Edit")
                : problem is ValidationProblem invalid ? string.Join(" ", invalid.Errors.SelectMany(e => e.Value)) : problem.Message;
        }
        await OnGetAsync(ct);
        return Page();
    }
}
