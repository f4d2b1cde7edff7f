using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Organization.Contracts;
using Outreach.Organization.Regions;
using Outreach.Organization.Users;
using Outreach.Shared;

namespace Outreach.Host.Pages.Users;

public sealed class IndexModel(ISender sender) : PageModel
{
    public sealed class NewUser
    {
        public string DisplayName { get; set; } = "";
        public string Username { get; set; } = "";
        public string Role { get; set; } = Roles.OutreachWorker;
        public Guid RegionId { get; set; }
        public string Password { get; set; } = "";
    }

    public sealed record RegionOption(Guid Id, string Label);

    [BindProperty] public NewUser Input { get; set; } = new();
    public Page<UserSummary> Users { get; private set; } = new([], 0, 1, 50);
    public IReadOnlyList<RegionOption> AssignableRegions { get; private set; } = [];
    public string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Users = await sender.Send(new ListUsers(), ct);
        if (!User.IsInRole(Roles.Admin)) return;
        var options = new List<RegionOption>();
        foreach (var assigned in await sender.Send(new ListRegions(null), ct))
        {
            options.AddRange((await sender.Send(new GetRegionSubtree(assigned.Id), ct))
                .Where(r => r.Level < RegionLevel.Village)
                .Select(r => new RegionOption(r.Id, new string('·', (int)r.Level - 1) + " " + r.Name + " (" + r.Level + ")")));
        }
        AssignableRegions = options;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            await sender.Send(new CreateUser(null, Input.Username, Input.DisplayName, Input.Role, Input.Password, [Input.RegionId]), ct);
            return RedirectToPage();
        }
        catch (OutreachProblem problem) when (problem is ValidationProblem or ConflictProblem)
        {
            Problem = problem is ValidationProblem invalid ? string.Join(" ", invalid.Errors.SelectMany(e => e.Value)) : problem.Message;
            await OnGetAsync(ct);
            return Page();
        }
    }
}
