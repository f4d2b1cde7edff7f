using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Cases.Access;
using Outreach.Shared;

namespace Outreach.Host.Pages.Coordination;

public sealed class BreakGlassModel(ISender sender, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public int PageNumber { get; set; } = 1;
    public Page<BreakGlassItem> Results { get; private set; } = new([], 0, 1, 50);
    public IReadOnlyDictionary<Guid, string> Users { get; private set; } = new Dictionary<Guid, string>();
    public DateTimeOffset Now => time.GetUtcNow();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Results = await sender.Send(new ListBreakGlassAccess(Math.Clamp(PageNumber, 1, 100_000)), ct);
        Users = await CoordinationText.UserNamesAsync(sender, ct);
    }
}
