using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Host.Pages.People;
using Outreach.Organization.Contracts;
using Outreach.Organization.Regions;
using Outreach.Shared;
using Outreach.Surveys.Campaigns;
using Outreach.Surveys.Templates;

namespace Outreach.Host.Pages.Surveys;

[Authorize(Roles = Roles.Coordinator)]
public sealed class NewCampaignModel(ISender sender, TimeProvider time) : PageModel
{
    public sealed class NewCampaign
    {
        public Guid TemplateId { get; set; }
        public string? Name { get; set; }
        public DateOnly? StartsOn { get; set; }
        public DateOnly? EndsOn { get; set; }
        public int TargetPerVillage { get; set; } = 5;
        public List<Guid> RegionIds { get; set; } = [];
    }

    [BindProperty] public NewCampaign Input { get; set; } = new();
    public IReadOnlyList<TemplateSummary> Templates { get; private set; } = [];
    public IReadOnlyList<RegionSummary> Regions { get; private set; } = [];
    public string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = SurveyText.Today(time);
        Input.StartsOn ??= today;
        Input.EndsOn ??= today.AddDays(30);
        Templates = await sender.Send(new ListTemplates(), ct);
        var regions = new List<RegionSummary>();
        foreach (var assigned in await sender.Send(new ListRegions(null), ct))
        {
            regions.AddRange((await sender.Send(new GetRegionSubtree(assigned.Id), ct)).Where(r => r.Level < RegionLevel.Village));
        }
        Regions = regions;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            if (ModelState.IsValid)
            {
                var campaign = await sender.Send(new CreateCampaign(Input.TemplateId, Input.Name ?? "", Input.StartsOn ?? default, Input.EndsOn ?? default,
                    Input.TargetPerVillage, Input.RegionIds), ct);
                return Redirect($"/Surveys/Campaigns/{campaign.Id}");
            }
            Problem = "Some details need correcting; see the messages next to the fields.";
        }
        catch (OutreachProblem problem) when (problem is ValidationProblem or UnprocessableProblem or NotFoundProblem)
        {
            Problem = PeopleText.Show(problem, ModelState, "Input");
        }
        await OnGetAsync(ct);
        return Page();
    }
}
