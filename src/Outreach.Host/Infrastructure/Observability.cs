using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Outreach.Shared.Pipeline;
using Serilog;

namespace Outreach.Host.Infrastructure;

public static class Observability
{
    public static WebApplicationBuilder AddOutreachObservability(this WebApplicationBuilder builder)
    {
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture));

        var otlp = !string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("outreach"))
            .WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments("/health"))
                    .AddHttpClientInstrumentation()
                    .AddSource(Telemetry.SourceName, "Npgsql");
                if (otlp) tracing.AddOtlpExporter();
            })
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddMeter("Npgsql");
                if (otlp) metrics.AddOtlpExporter();
            });
        return builder;
    }
}

/// <summary>
/// One line per request with the status the client was sent. It runs outside the exception handler, so a problem turned
/// into a 404 is logged as a 404. Only 5xx are errors; a 4xx is the caller's mistake and is logged without a stack trace.
/// A provider's one-time referral code is a secret in the URL; request logs show it masked.
/// </summary>
public static partial class RequestLogging
{
    public static void Configure(Serilog.AspNetCore.RequestLoggingOptions options)
    {
        options.GetMessageTemplateProperties = WithoutSecrets;
        options.GetLevel = LevelOf;
    }

    public static Serilog.Events.LogEventLevel LevelOf(HttpContext context, double elapsed, Exception? exception) =>
        exception is not null || context.Response.StatusCode >= 500 ? Serilog.Events.LogEventLevel.Error
        : context.Response.StatusCode >= 400 ? Serilog.Events.LogEventLevel.Warning
        : Serilog.Events.LogEventLevel.Information;

    public static IEnumerable<Serilog.Events.LogEventProperty> WithoutSecrets(HttpContext context, string path, double elapsed, int statusCode) =>
    [
        new("RequestMethod", new Serilog.Events.ScalarValue(context.Request.Method)),
        new("RequestPath", new Serilog.Events.ScalarValue(Mask(path))),
        new("StatusCode", new Serilog.Events.ScalarValue(statusCode)),
        new("Elapsed", new Serilog.Events.ScalarValue(elapsed)),
    ];

    public static string Mask(string path) => ReferralCode().Replace(path, "$1****");

    [System.Text.RegularExpressions.GeneratedRegex("(/referral-codes/|/Referral/)[^/?]+", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex ReferralCode();
}

public static class SecurityHeaders
{
    /// <summary>Set as the response starts, so error responses (whose headers the exception handler clears) carry them too.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            if (!context.Request.Path.StartsWithSegments("/scalar") && !context.Request.Path.StartsWithSegments("/jobs"))
            {
                headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'";
            }
            if (MayCarryPersonalData(context)) headers.CacheControl = "no-store";
            return Task.CompletedTask;
        });
        await next();
    });

    /// <summary>
    /// Whatever a signed-in user is sent may name people, and so may a provider's referral page; neither may be kept by a
    /// browser or a proxy. Static files are served before sign-in is read, so they keep their caching.
    /// </summary>
    public static bool MayCarryPersonalData(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true || ReferralCodeRateLimit.Covers(context.Request.Path);
}
