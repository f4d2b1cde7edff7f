using System.Text.Json.Serialization;
using Mediator;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using Outreach.Cases;
using Outreach.Events;
using Outreach.Host.Api;
using Outreach.Host.Infrastructure;
using Outreach.Organization;
using Outreach.Reporting;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Pipeline;
using Outreach.Shared.Security;
using Outreach.Surveys;
using Outreach.Volunteers;
using Scalar.AspNetCore;
using Serilog;

var builder = WebApplication.CreateBuilder(args);

builder.AddOutreachObservability();
builder.Services.AddSharedKernel(builder.Configuration);
builder.Services.AddOrganizationModule(builder.Configuration);
builder.Services.AddCasesModule(builder.Configuration);
builder.Services.AddSurveysModule(builder.Configuration);
builder.Services.AddEventsModule(builder.Configuration);
builder.Services.AddVolunteersModule(builder.Configuration);
builder.Services.AddReportingModule(builder.Configuration);
builder.Services.AddMediator(options =>
{
    options.ServiceLifetime = ServiceLifetime.Scoped;
    options.PipelineBehaviors =
    [
        typeof(TracingBehavior<,>),
        typeof(ValidationBehavior<,>),
        typeof(DenialAuditBehavior<,>),
        typeof(TransactionBehavior<,>),
        typeof(AuditBehavior<,>),
    ];
});

builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<CallerContext>();
builder.Services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<CallerContext>());
builder.Services.AddScoped<ICallerSwitch>(sp => sp.GetRequiredService<CallerContext>());
builder.Services.AddOptions<DemoDataOptions>().Bind(builder.Configuration.GetSection(DemoDataOptions.Section));
builder.Services.AddOutreachAuthentication();
// Sign-in cookies and antiforgery tokens must survive a restart; without a shared folder every deploy signs everyone out.
builder.Services.AddDataProtection().SetApplicationName("Outreach")
    .PersistKeysToFileSystem(new DirectoryInfo(builder.Configuration["DataProtection:KeysFolder"] ?? "data-protection-keys"));
builder.Services.AddSignInRateLimit(builder.Configuration);
builder.Services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
builder.Services.AddOutreachProblemDetails();
builder.Services.AddOutreachJobs(builder.Configuration);
builder.Services.AddOpenApi(options => options.AddDocumentTransformer<BearerSecurityScheme>());
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
builder.Services.AddRazorPages(options =>
{
    options.Conventions.AuthorizeFolder("/");
    options.Conventions.AllowAnonymousToPage("/Account/Login");
    options.Conventions.AllowAnonymousToPage("/Account/AccessDenied");
    options.Conventions.AllowAnonymousToPage("/Error");
    options.Conventions.AuthorizeFolder("/Users", "people-managers");
    options.Conventions.AuthorizeFolder("/People", "case-workers");
    options.Conventions.AuthorizeFolder("/Coordination", "coordinators");
    options.Conventions.AuthorizeFolder("/Notifications", Roles.Admin);
}).AddMvcOptions(options => options.Filters.Add<UnknownPageHandler>());
builder.Services.Configure<ForwardedHeadersOptions>(options => options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);

if (args.Contains("migrate"))
{
    DatabaseStartup.Migrate(builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions());
    Console.WriteLine("Migrations applied.");
    return;
}

var app = builder.Build();

if (args.Contains("bootstrap"))
{
    Environment.ExitCode = await BootstrapCommand.RunAsync(app, args);
    return;
}

app.UseForwardedHeaders();
app.UseSerilogRequestLogging(RequestLogging.Configure);
app.UseExceptionHandler(ProblemExceptionHandler.Options());
if (!app.Environment.IsDevelopment() && !app.Environment.IsEnvironment("Testing")) app.UseHsts();
app.UseStatusCodePages();
app.UseSecurityHeaders();
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
app.MapOpenApi().AllowAnonymous();
app.MapScalarApiReference("/scalar", options => options.WithTitle("Outreach API")).AllowAnonymous();
app.MapOutreachApi();
app.MapRazorPages();
app.UseOutreachJobs();

await DatabaseStartup.PrepareAsync(app);
await app.RunAsync();

public partial class Program;
