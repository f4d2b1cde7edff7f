using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Organization.Contracts;
using Outreach.Organization.Regions;
using Outreach.Shared;

namespace Outreach.Host.Pages.Regions;

public sealed class IndexModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? ParentId { get; set; }
    [BindProperty] public string NewName { get; set; } = "";
    [BindProperty] public string? NewLocalName { get; set; }
    public RegionDetails? Current { get; private set; }
    public IReadOnlyList<RegionListItem> Children { get; private set; } = [];
    public string? Problem { get; private set; }
    public bool CanAdd => User.IsInRole(Roles.Admin) && Current is { Level: < RegionLevel.Village };
    public RegionLevel? ChildLevel => Current is null ? null : Current.Level + 1;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Current = ParentId is { } id ? await sender.Send(new GetRegion(id), ct) : null;
        Children = await sender.Send(new ListRegions(ParentId), ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var parent = await sender.Send(new GetRegion(ParentId ?? Guid.Empty), ct);
            await sender.Send(new CreateRegion(null, parent.Id, parent.Level + 1, NewName, NewLocalName), ct);
            return RedirectToPage(new { ParentId });
        }
        catch (OutreachProblem problem) when (problem is ValidationProblem or ConflictProblem or UnprocessableProblem)
        {
            Problem = problem is ValidationProblem invalid ? string.Join(" ", invalid.Errors.SelectMany(e => e.Value)) : problem.Message;
            await OnGetAsync(ct);
            return Page();
        }
    }
}
