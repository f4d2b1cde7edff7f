using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Host.Pages.Surveys;
using Outreach.Organization.Regions;
using Outreach.Shared;
using Outreach.Surveys.Gaps;

namespace Outreach.Host.Pages.Gaps;

public sealed class IndexModel(ISender sender, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? State { get; set; }
    [BindProperty(SupportsGet = true)] public string? Category { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public Page<GapListItem> Gaps { get; private set; } = null!;
    public IReadOnlyList<string> Categories { get; private set; } = [];
    public IReadOnlyDictionary<Guid, VillageListItem> Villages { get; private set; } = new Dictionary<Guid, VillageListItem>();
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = SurveyText.Today(time);
        Categories = await sender.Send(new ListGapCategories(), ct);
        if (State is not null && !GapText.States.Contains(State)) State = null;
        if (Category is not null && !Categories.Contains(Category)) Category = null;
        Gaps = await sender.Send(new ListGaps(State, Category, Math.Max(PageNumber, 1), 50), ct);
        Villages = await SurveyText.VillagesAsync(sender, ct);
    }

    public string PageLink(int page) => $"/Gaps?state={State}&category={Category}&page={page}";
}
