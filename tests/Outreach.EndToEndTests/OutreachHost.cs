using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Outreach.Shared.Data;

namespace Outreach.EndToEndTests;

/// <summary>The real host on Kestrel at 127.0.0.1 on a free port, with its own SQLite file, demo data and no Hangfire server.</summary>
public sealed class OutreachHost : WebApplicationFactory<Program>
{
    private readonly string connectionString;

    public OutreachHost(string databaseFile)
    {
        connectionString = $"Data Source={databaseFile}";
        UseKestrel(0);
    }

    public Uri BaseAddress => ClientOptions.BaseAddress;

    public void Start()
    {
        StartServer();
        if (Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString != connectionString)
        {
            throw new InvalidOperationException("The host did not take the test database; refusing to run against another one.");
        }
        if (Services.GetServices<IHostedService>().Any(s => s.GetType().Name.Contains("BackgroundJobServer", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException("The host started a Hangfire server although Jobs:RunServer is false.");
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:ConnectionString", connectionString);
        builder.UseSetting("Database:MigrateOnStart", "true");
        builder.UseSetting("DemoData:Enabled", "true");
        builder.UseSetting("Jobs:RunServer", "false");
        builder.UseSetting("RateLimits:SignInPerMinute", "100000");
        builder.UseSetting("RateLimits:ReferralCodesPerMinute", "100000");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
    }
}
