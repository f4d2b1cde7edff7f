using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Cases.FollowUps;
using Outreach.Shared;

namespace Outreach.Host.Pages.Coordination;

public sealed class OverdueModel(ISender sender, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public int PageNumber { get; set; } = 1;
    public Page<OverdueFollowUpItem> Results { get; private set; } = new([], 0, 1, 50);
    public IReadOnlyDictionary<Guid, string> Workers { get; private set; } = new Dictionary<Guid, string>();
    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Results = await sender.Send(new ListOverdueFollowUps(Math.Clamp(PageNumber, 1, 100_000)), ct);
        Workers = await CoordinationText.UserNamesAsync(sender, ct);
    }
}
