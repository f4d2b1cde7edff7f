using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Cases.People;
using Outreach.Organization.Contracts;
using Outreach.Shared;

namespace Outreach.Host.Pages.People;

public sealed class IndexModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }
    [BindProperty(SupportsGet = true)] public bool Mine { get; set; }
    [BindProperty(SupportsGet = true)] public int PageNumber { get; set; } = 1;
    public Page<PersonListItem> Results { get; private set; } = new([], 0, 1, 50);
    public IReadOnlyDictionary<Guid, RegionSummary> Villages { get; private set; } = new Dictionary<Guid, RegionSummary>();

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnGetResultsAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Partial("_PeopleResults", this);
    }

    public string PageLink(int pageNumber) =>
        $"?search={Uri.EscapeDataString(Search ?? "")}&mine={(Mine ? "true" : "false")}&pageNumber={pageNumber}";

    private async Task LoadAsync(CancellationToken ct)
    {
        var search = Search is { Length: > TextLimits.Name } text ? text[..TextLimits.Name] : Search;
        Results = await sender.Send(new SearchPeople(search, null, Mine, Math.Clamp(PageNumber, 1, 100_000)), ct);
        Villages = await PeopleText.VillagesAsync(sender, Results.Items.Select(p => p.VillageId), ct);
    }
}
