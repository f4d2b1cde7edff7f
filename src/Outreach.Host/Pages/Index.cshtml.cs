using System.Security.Claims;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Host.Infrastructure;
using Outreach.Organization.Regions;
using Outreach.Reporting.Coverage;

namespace Outreach.Host.Pages;

public sealed class IndexModel(ISender sender) : PageModel
{
    public string DisplayName => User.FindFirstValue(OutreachClaims.DisplayName) ?? "";
    public string Role => User.FindFirstValue(ClaimTypes.Role) ?? "";
    public IReadOnlyList<RegionCoverage> Coverage { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var assigned = await sender.Send(new ListRegions(null), ct);
        var coverage = new List<RegionCoverage>();
        foreach (var region in assigned)
        {
            coverage.Add(await sender.Send(new GetCoverage(region.Id), ct));
        }
        Coverage = coverage;
    }
}
