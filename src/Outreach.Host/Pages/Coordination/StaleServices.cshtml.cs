using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Cases.Directory;
using Outreach.Shared;

namespace Outreach.Host.Pages.Coordination;

public sealed class StaleServicesModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)] public int PageNumber { get; set; } = 1;
    [TempData] public string? Notice { get; set; }
    public Page<ServiceListItem> Results { get; private set; } = new([], 0, 1, 50);
    public string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) =>
        Results = await sender.Send(new ListStaleServices(Math.Clamp(PageNumber, 1, 100_000)), ct);

    public async Task<IActionResult> OnPostVerifyAsync(Guid serviceId, CancellationToken ct)
    {
        try
        {
            var service = await sender.Send(new VerifyService(serviceId), ct);
            Notice = $"{service.Name} marked as verified today.";
            return Redirect($"/Coordination/StaleServices?pageNumber={PageNumber}");
        }
        catch (OutreachProblem problem) when (problem is NotFoundProblem or OutOfScopeProblem or ForbiddenProblem)
        {
            Problem = problem.Message;
            Response.StatusCode = problem.Status;
        }
        await OnGetAsync(ct);
        return Page();
    }
}
