using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Outreach.Host.Pages;

[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "Something went wrong";
    public string Detail { get; private set; } = "The error was logged. Nothing you entered was half-saved; please try again.";

    public void OnGet() => Describe();

    public void OnPost() => Describe();

    private void Describe()
    {
        if (HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error is Shared.OutreachProblem problem)
        {
            Response.StatusCode = problem.Status;
            Title = problem.Title;
            Detail = problem.Message;
        }
    }
}
