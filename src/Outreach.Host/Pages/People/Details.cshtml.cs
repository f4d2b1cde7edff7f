using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Cases.Consent;
using Outreach.Cases.Contracts;
using Outreach.Cases.Households;
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
    public HouseholdDetails? Household { get; private set; }
    public IReadOnlyList<(Guid Id, string Name)> Neighbours { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Person = await sender.Send(new GetPerson(Id), ct);
        Village = await sender.Send(new FindRegionInScope(Person.VillageId), ct);
        if (PeopleText.MayChange(User))
        {
            Casework = await Casework.LoadAsync(sender, time, Person, Village is not null, null, null, null, null, ct);
            await LoadHouseholdAsync(ct);
        }
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

    public Task<IActionResult> OnPostConsentAsync(ConsentPurpose? purpose, bool? granted, ConsentMethod? method, DateOnly? expiresOn, CancellationToken ct) =>
        purpose is not { } forPurpose || granted is not { } given || method is not { } how
            ? ShowAgainAsync("Choose how the person told you, then press Grant or Withdraw on a purpose.", ct)
            : RunAsync(new RecordConsent(Id, forPurpose, given, how, expiresOn), $"Consent for {PeopleText.Purpose(forPurpose).ToLowerInvariant()} {(given ? "given" : "withdrawn")}.", ct);

    /// <summary>A post that names no change (no handler) is answered with the page and a 400, not an empty page.</summary>
    public Task<IActionResult> OnPostAsync(CancellationToken ct) => ShowAgainAsync("Choose what to change about this person.", ct);

    private async Task<IActionResult> ShowAgainAsync(string problem, CancellationToken ct)
    {
        Problem = problem;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await OnGetAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostStartHouseholdAsync(string? label, string relationship, CancellationToken ct) => RunAsync(async () =>
    {
        var person = await sender.Send(new GetPerson(Id), ct);
        await sender.Send(new CreateHousehold(NewId.Next(time), person.VillageId, label ?? "", new HouseholdFirstMember(Id, relationship)), ct);
    }, "Household started.", ct);

    public Task<IActionResult> OnPostAddMemberAsync(Guid householdId, Guid personId, string relationship, CancellationToken ct) =>
        RunAsync(new AddHouseholdMember(householdId, personId, relationship), "Member added to the household.", ct);

    public Task<IActionResult> OnPostRemoveMemberAsync(Guid householdId, Guid personId, CancellationToken ct) =>
        RunAsync(new RemoveHouseholdMember(householdId, personId), "Removed from the household.", ct);

    public Task<IActionResult> OnPostRenameHouseholdAsync(Guid householdId, string? label, int version, CancellationToken ct)
    {
        concurrencyText = HouseholdConcurrencyText;
        return RunAsync(new UpdateHousehold(householdId, label ?? "", version), "Household renamed.", ct);
    }

    private async Task LoadHouseholdAsync(CancellationToken ct)
    {
        if (Person.HouseholdId is not { } householdId) return;
        Household = await sender.Send(new GetHousehold(householdId), ct);
        var members = Household.Members.Select(m => m.PersonId).ToHashSet();
        var villagers = await sender.Send(new SearchPeople(VillageId: Person.VillageId, PageSize: Paging.MaxPageSize), ct);
        Neighbours = [.. villagers.Items.Where(p => !members.Contains(p.Id))
            .Select(p => (p.Id, PersonName.Display(p.Reference, p.GivenName, p.FamilyName)))];
    }

    private const string ConcurrencyText = "Someone else changed this person while you were editing. The form now shows the current details; apply your change again.";

    private const string HouseholdConcurrencyText = "Someone else renamed this household while you were editing. The page now shows its current name; apply your change again.";

    private string concurrencyText = ConcurrencyText;

    private bool keepEdit;

    private Task<IActionResult> RunAsync<T>(ICommand<T> command, string done, CancellationToken ct) =>
        RunAsync(async () => await sender.Send(command, ct), done, ct);

    private async Task<IActionResult> RunAsync(Func<Task> action, string done, CancellationToken ct)
    {
        try
        {
            if (ModelState.IsValid)
            {
                await action();
                Notice = done;
                return Redirect($"/People/{Id}");
            }
            Problem = "Some details need correcting; see the messages next to the fields.";
        }
        catch (OutreachProblem problem) when (problem is ValidationProblem or ConcurrencyProblem or ConflictProblem or UnprocessableProblem)
        {
            keepEdit &= problem is not ConcurrencyProblem;
            Problem = problem is ConcurrencyProblem ? concurrencyText
                : keepEdit ? PeopleText.Show(problem, ModelState, "Edit")
                : problem is ValidationProblem invalid ? string.Join(" ", invalid.Errors.SelectMany(e => e.Value)) : problem.Message;
        }
        await OnGetAsync(ct);
        return Page();
    }
}
