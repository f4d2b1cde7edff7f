using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Outreach.Shared;
using Outreach.Shared.Data;

namespace Outreach.Host.Infrastructure;

/// <summary>Every failure leaves as RFC 9457 problem details; expected problems keep their status, anything else is a 500 with a trace id and no internals.</summary>
public sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var path = OriginalPath(httpContext);
        if (!IsApi(httpContext.Request, path))
        {
            if (!IsExpected(exception)) LogUnhandled(exception, path);
            return false;
        }

        var details = exception switch
        {
            ValidationProblem invalid => new ValidationProblemDetails(invalid.Errors.ToDictionary(e => e.Key, e => e.Value))
            {
                Status = invalid.Status, Title = invalid.Title, Detail = invalid.Message,
            },
            OutreachProblem problem => new ProblemDetails { Status = problem.Status, Title = problem.Title, Detail = problem.Message, Extensions = problem.Extensions },
            System.Data.Common.DbException db when DbErrors.IsUniqueViolation(db) => new ProblemDetails
            {
                Status = 409, Title = "Conflict", Detail = "Someone saved the same record at the same moment. Reload it and try again.",
            },
            BadHttpRequestException bad => new ProblemDetails
            {
                Status = bad.StatusCode, Title = "Malformed request", Detail = Describe(bad),
            },
            _ => null,
        };
        if (details is null)
        {
            LogUnhandled(exception, path);
            details = new ProblemDetails { Status = 500, Title = "Something went wrong", Detail = "The error was logged. Nothing you sent was half-saved: try again, or tell your administrator the trace id." };
        }

        httpContext.Response.StatusCode = details.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = details, Exception = exception });
    }

    /// <summary>A problem the caller caused (bad input, not found, not allowed, a conflict): answered with its status, never logged as an error.</summary>
    public static bool IsExpected(Exception exception) =>
        exception is OutreachProblem or BadHttpRequestException || (exception is System.Data.Common.DbException db && DbErrors.IsUniqueViolation(db));

    /// <summary>
    /// The exception handler middleware would log every exception it re-executes a page for as an error with its stack.
    /// For an expected problem the request log's line with the status sent is the whole story; an unexpected one is
    /// logged once, by this handler.
    /// </summary>
    public static ExceptionHandlerOptions Options() => new()
    {
        ExceptionHandlingPath = "/Error",
        SuppressDiagnosticsCallback = context => context.ExceptionHandledBy == ExceptionHandledType.ExceptionHandlerService || IsExpected(context.Exception),
    };

    /// <summary>Pages get the HTML error page (re-executed at /Error); API callers get problem JSON.</summary>
    private static bool IsApi(HttpRequest request, PathString path) =>
        path.StartsWithSegments("/api") || request.Headers.Accept.Any(a => a?.Contains("json", StringComparison.OrdinalIgnoreCase) == true);

    /// <summary>The exception handler re-points the request at /Error before handlers run; this is the path the caller asked for.</summary>
    public static PathString OriginalPath(HttpContext context) =>
        context.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? context.Request.Path;

    private static string Describe(BadHttpRequestException bad) =>
        bad.InnerException is System.Text.Json.JsonException json
            ? $"The body is not valid JSON for this request{(json.Path is { } path ? $" (at {path})" : "")}."
            : bad.Message;

    [LoggerMessage(LogLevel.Error, "Unhandled exception on {Path}")]
    private partial void LogUnhandled(Exception exception, string path);
}

public static class Problems
{
    public static Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        var service = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        return service.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }

    public static IServiceCollection AddOutreachProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= ProblemExceptionHandler.OriginalPath(context.HttpContext);
            context.ProblemDetails.Extensions["traceId"] = System.Diagnostics.Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();
        return services;
    }
}
