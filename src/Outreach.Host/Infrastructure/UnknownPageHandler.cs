using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Outreach.Host.Infrastructure;

/// <summary>
/// A post that names no handler the page has would render the page without loading it (a 500 on its first null); it
/// is a malformed request, answered 400.
/// </summary>
public sealed class UnknownPageHandler : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.HandlerMethod is null && !HttpMethods.IsGet(context.HttpContext.Request.Method) && !HttpMethods.IsHead(context.HttpContext.Request.Method))
        {
            context.Result = new BadRequestResult();
            return;
        }
        await next();
    }
}
