using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Cases.Contracts;
using Outreach.Cases.People;
using Outreach.Organization.Regions;
using Outreach.Shared;

namespace Outreach.Host.Pages.People;

public sealed class NewModel(ISender sender, TimeProvider time) : PageModel
{
    public sealed class NewPerson
    {
        public Guid Id { get; set; }
        public Guid? VillageId { get; set; }
        public string? GivenName { get; set; }
        public string? FamilyName { get; set; }
        public string? Sex { get; set; }
        public int? BirthYear { get; set; }
        public string? Phone { get; set; }
        public string? RiskNote { get; set; }
        public List<ConsentPurpose>? ConsentedPurposes { get; set; }
        public ConsentMethod ConsentMethod { get; set; }
        public DateOnly? ConsentExpiresOn { get; set; }
    }

    [BindProperty] public NewPerson Input { get; set; } = new();
    public IReadOnlyList<VillageListItem> Villages { get; private set; } = [];
    public string? Problem { get; private set; }
    public Guid? ExistingId { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (Input.Id == Guid.Empty) Input.Id = NewId.Next(time);
        Villages = (await sender.Send(new ListMyVillages(null, 1, Paging.MaxPageSize), ct)).Items;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return await ShowAsync("Some details need correcting; see the messages next to the fields.", ct);
        try
        {
            var person = await sender.Send(new RegisterPerson(Input.Id, Input.VillageId ?? Guid.Empty, Input.GivenName, Input.FamilyName, Input.Sex,
                Input.BirthYear, Input.Phone, Input.RiskNote, Input.ConsentedPurposes ?? [], Input.ConsentMethod, Input.ConsentExpiresOn), ct);
            TempData["Notice"] = $"{person.DisplayName} was recorded.";
            return Redirect($"/People/{person.Id}");
        }
        catch (OutreachProblem problem) when (problem is ValidationProblem or UnprocessableProblem or ConflictProblem or NotFoundProblem)
        {
            if (problem is ConflictProblem)
            {
                ExistingId = Input.Id;
                ModelState.Remove("Input.Id");
                Input.Id = NewId.Next(time);
            }
            return await ShowAsync(PeopleText.Show(problem, ModelState, "Input"), ct);
        }
    }

    private async Task<IActionResult> ShowAsync(string problem, CancellationToken ct)
    {
        Problem = problem;
        await OnGetAsync(ct);
        return Page();
    }
}
