using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Outreach.Host.Pages.Surveys;

[Authorize(Policy = "case-workers")]
public sealed class SentModel : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true)] public Guid TemplateId { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? CampaignId { get; set; }
    [TempData] public string? Notice { get; set; }

    public string FillAgain => $"/Surveys/{TemplateId}/Fill{(CampaignId is { } c ? $"?campaignId={c}" : "")}";
}
