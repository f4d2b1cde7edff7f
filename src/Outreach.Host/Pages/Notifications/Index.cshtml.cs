using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Shared;
using Outreach.Shared.Notifications;

namespace Outreach.Host.Pages.Notifications;

public sealed class IndexModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)] public int PageNumber { get; set; } = 1;
    [TempData] public string? Notice { get; set; }
    public Page<NotificationDeliveryItem> Results { get; private set; } = new([], 0, 1, 50);
    public string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) =>
        Results = await sender.Send(new ListNotificationDeliveries(Math.Clamp(PageNumber, 1, 100_000)), ct);

    public async Task<IActionResult> OnPostRetryAsync(Guid notificationId, string? subscriber, CancellationToken ct)
    {
        try
        {
            await sender.Send(new RetryNotificationDelivery(notificationId, subscriber ?? ""), ct);
            Notice = "Sent again; it is delivered within a few seconds.";
            return Redirect($"/Notifications?pageNumber={PageNumber}");
        }
        catch (OutreachProblem problem) when (problem is NotFoundProblem or ValidationProblem)
        {
            Problem = problem is NotFoundProblem ? "That delivery has already gone through or no longer exists." : problem.Message;
        }
        await OnGetAsync(ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
