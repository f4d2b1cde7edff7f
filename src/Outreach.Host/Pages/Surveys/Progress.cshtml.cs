using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Surveys.Campaigns;
using Outreach.Surveys.Templates;

namespace Outreach.Host.Pages.Surveys;

public sealed class ProgressModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    public CampaignProgress Progress { get; private set; } = null!;
    public TemplateDetails Survey { get; private set; } = null!;

    public int Responses => Progress.Villages.Sum(v => v.Responses);
    public int Reached => Progress.Villages.Count(v => v.Responses >= v.Target);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Progress = await sender.Send(new GetCampaignProgress(Id), ct);
        Survey = await sender.Send(new GetTemplate(Progress.Campaign.TemplateId), ct);
    }
}
