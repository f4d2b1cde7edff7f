using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Organization.Regions;
using Outreach.Shared;

namespace Outreach.Host.Pages.Villages;

public sealed class IndexModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }
    [BindProperty(SupportsGet = true)] public int PageNumber { get; set; } = 1;
    public Page<VillageListItem> Results { get; private set; } = new([], 0, 1, 50);

    public async Task OnGetAsync(CancellationToken ct) => Results = await LoadAsync(ct);

    public async Task<IActionResult> OnGetResultsAsync(CancellationToken ct)
    {
        Results = await LoadAsync(ct);
        return Partial("_VillageResults", this);
    }

    private async Task<Page<VillageListItem>> LoadAsync(CancellationToken ct)
    {
        var search = Search is { Length: > TextLimits.Name } text ? text[..TextLimits.Name] : Search;
        return await sender.Send(new ListMyVillages(search, Math.Clamp(PageNumber, 1, 100_000)), ct);
    }
}
