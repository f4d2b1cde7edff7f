using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Cases.FollowUps;
using Outreach.Cases.People;
using Outreach.Organization.Contracts;
using Outreach.Shared;

namespace Outreach.Host.Pages.People;

public sealed class CaseloadModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)] public int PageNumber { get; set; } = 1;
    public Page<CaseloadItem> Results { get; private set; } = new([], 0, 1, 50);
    public IReadOnlyDictionary<Guid, RegionSummary> Villages { get; private set; } = new Dictionary<Guid, RegionSummary>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Results = await sender.Send(new GetCaseload(Math.Clamp(PageNumber, 1, 100_000)), ct);
        Villages = await PeopleText.VillagesAsync(sender, Results.Items.Select(p => p.VillageId), ct);
    }

    public static string Name(CaseloadItem item) => PersonName.Display(item.Reference, item.GivenName, item.FamilyName);
}
