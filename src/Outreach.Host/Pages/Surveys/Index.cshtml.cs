using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Surveys.Campaigns;
using Outreach.Surveys.Templates;

namespace Outreach.Host.Pages.Surveys;

public sealed class IndexModel(ISender sender, TimeProvider time) : PageModel
{
    public IReadOnlyList<TemplateSummary> Templates { get; private set; } = [];
    public IReadOnlyList<CampaignDetails> Active { get; private set; } = [];
    public IReadOnlyList<CampaignDetails> Other { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public string SurveyName(Guid templateId) => Templates.FirstOrDefault(t => t.Id == templateId)?.Name ?? "Survey";

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = SurveyText.Today(time);
        Templates = await sender.Send(new ListTemplates(), ct);
        var campaigns = await sender.Send(new ListCampaigns(), ct);
        Active = [.. campaigns.Where(c => c.StartsOn <= Today && Today <= c.EndsOn)];
        Other = [.. campaigns.Except(Active)];
    }
}
