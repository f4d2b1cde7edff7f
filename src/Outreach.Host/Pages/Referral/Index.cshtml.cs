using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Cases.Referrals;
using Outreach.Shared;

namespace Outreach.Host.Pages.Referral;

/// <summary>The page a provider without an account opens from a referral link or QR code: what consent allows, and Accept / Decline.</summary>
[AllowAnonymous]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Infrastructure.ReferralCodeRateLimit.Policy)]
public sealed class IndexModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Code { get; set; } = "";
    [BindProperty] public string? Note { get; set; }
    public ProviderReferralView? Referral { get; private set; }
    public string? Problem { get; private set; }
    public bool Answered { get; private set; }

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => Show(() => sender.Send(new GetReferralByCode(Code), ct));

    public Task<IActionResult> OnPostAcceptAsync(CancellationToken ct) => Answer(ProviderDecision.Accept, ct);

    public Task<IActionResult> OnPostDeclineAsync(CancellationToken ct) => Answer(ProviderDecision.Decline, ct);

    private Task<IActionResult> Answer(ProviderDecision decision, CancellationToken ct)
    {
        Answered = true;
        return Show(() => sender.Send(new RespondToReferral(Code, decision, Note), ct));
    }

    private async Task<IActionResult> Show(Func<ValueTask<ProviderReferralView>> load)
    {
        try
        {
            Referral = await load();
        }
        catch (OutreachProblem problem) when (problem.Status is 400 or 404 or 410)
        {
            Response.StatusCode = problem.Status;
            Problem = problem is ValidationProblem ? "Keep the note under 500 characters." : problem.Message;
            Answered = false;
        }
        return Page();
    }
}
