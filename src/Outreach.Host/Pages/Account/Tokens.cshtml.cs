using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Organization.Access;
using Outreach.Shared;

namespace Outreach.Host.Pages.Account;

public sealed class TokensModel(ISender sender) : PageModel
{
    [BindProperty] public string Name { get; set; } = "";
    public IReadOnlyList<ApiTokenListItem> Tokens { get; private set; } = [];
    public IssuedApiToken? Issued { get; private set; }
    public string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Tokens = await sender.Send(new ListApiTokens(), ct);

    public async Task OnPostIssueAsync(CancellationToken ct)
    {
        try
        {
            Issued = await sender.Send(new IssueApiToken(Name), ct);
            Name = "";
        }
        catch (ValidationProblem problem)
        {
            Problem = string.Join(" ", problem.Errors.SelectMany(e => e.Value));
        }
        await OnGetAsync(ct);
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken ct)
    {
        await sender.Send(new RevokeApiToken(id), ct);
        return RedirectToPage();
    }
}
