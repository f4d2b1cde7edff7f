using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Host.Pages.People;
using Outreach.Host.Pages.Surveys;
using Outreach.Organization.Regions;
using Outreach.Shared;
using Outreach.Surveys.Gaps;

namespace Outreach.Host.Pages.Gaps;

[Authorize(Policy = "case-workers")]
public sealed class NewModel(ISender sender) : PageModel
{
    public sealed class NewGap
    {
        public Guid? VillageId { get; set; }
        public string? Category { get; set; }
        public string? Description { get; set; }
    }

    [BindProperty] public NewGap Input { get; set; } = new();
    public IReadOnlyList<VillageListItem> Villages { get; private set; } = [];
    public IReadOnlyList<string> Categories { get; private set; } = [];
    public string? Problem { get; private set; }
    public Guid? ExistingId { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Categories = await sender.Send(new ListGapCategories(), ct);
        Villages = [.. (await SurveyText.VillagesAsync(sender, ct)).Values.OrderBy(v => v.DistrictName).ThenBy(v => v.BlockName).ThenBy(v => v.Name)];
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            if (ModelState.IsValid)
            {
                var gap = await sender.Send(new ReportGap(Input.VillageId ?? Guid.Empty, Input.Category ?? "", Input.Description), ct);
                TempData["Notice"] = "Gap reported. A coordinator will verify it.";
                return Redirect($"/Gaps/{gap.Id}");
            }
            Problem = "Some details need correcting; see the messages next to the fields.";
        }
        catch (OutreachProblem problem) when (problem is ValidationProblem or UnprocessableProblem or ConflictProblem or NotFoundProblem)
        {
            if (problem is ConflictProblem && problem.Extensions.TryGetValue("gapId", out var existing) && existing is Guid id) ExistingId = id;
            Problem = PeopleText.Show(problem, ModelState, "Input");
        }
        await OnGetAsync(ct);
        return Page();
    }
}
