using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Host.Infrastructure;
using Outreach.Organization.Access;
using Outreach.Shared;
using SignInResult = Outreach.Organization.Access.SignInResult;

namespace Outreach.Host.Pages.Account;

[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(SignInRateLimit.Policy)]
public sealed class LoginModel(ISender sender) : PageModel
{
    [BindProperty] public string Username { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Problem { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        SignInResult result;
        try
        {
            result = await sender.Send(new SignIn(Username, Password), ct);
        }
        catch (ValidationProblem)
        {
            Problem = "Enter your username and password.";
            return Page();
        }

        if (!result.Succeeded)
        {
            // One message for both, so the page does not tell which usernames exist.
            Problem = "The username or password is not right. After repeated failures an account is locked for a while; ask your administrator if you are stuck.";
            return Page();
        }

        var user = result.User!;
        await HttpContext.SignInAsync(AuthSchemes.Cookie, OutreachClaims.Principal(user.Id, user.Username, user.DisplayName, user.Role, AuthSchemes.Cookie));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }
}
