using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Host.Infrastructure;
using Outreach.Organization.Access;
using Outreach.Shared;
using SignInResult = Outreach.Organization.Access.SignInResult;

namespace Outreach.Host.Pages.Account;

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
            Problem = result.IsLockedOut
                ? "This account is locked for a while after too many failed attempts. Try again later or ask your administrator."
                : "The username or password is not right.";
            return Page();
        }

        var user = result.User!;
        await HttpContext.SignInAsync(AuthSchemes.Cookie, OutreachClaims.Principal(user.Id, user.Username, user.DisplayName, user.Role, AuthSchemes.Cookie));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }
}
