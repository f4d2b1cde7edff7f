using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace Outreach.EndToEndTests;

/// <summary>One running host and one Chromium for the whole test assembly; every test gets its own browser context.</summary>
public sealed class OutreachApp : IAsyncLifetime
{
    public const int ActionTimeoutMs = 30_000;
    public const int NavigationTimeoutMs = 60_000;

    private readonly DirectoryInfo dataDirectory = Directory.CreateTempSubdirectory("outreach-e2e-");
    private OutreachHost? host;
    private IPlaywright? playwright;
    private IBrowser? browser;
    private string? browserMissing;

    public Uri BaseAddress => host?.BaseAddress ?? throw new InvalidOperationException("The host is not running.");

    public async ValueTask InitializeAsync()
    {
        var executable = Chromium.FindOnPath();
        if (executable is null)
        {
            browserMissing = "Chromium is not installed (no 'chromium' on PATH). Install Debian's package: apt-get install -y chromium.";
            return;
        }

        host = new OutreachHost(Path.Combine(dataDirectory.FullName, "outreach.db"));
        await Task.Run(host.Start);

        Assertions.SetDefaultExpectTimeout(ActionTimeoutMs);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = Chromium.LaunchArguments,
            Timeout = NavigationTimeoutMs * 2,
        });
    }

    /// <summary>A fresh browser context sized like a phone (390×844). Skips the test when Chromium is missing, except in CI where that is a failure.</summary>
    public async Task<PhoneSession> NewPhoneSessionAsync()
    {
        if (browser is null)
        {
            var reason = browserMissing ?? "The browser did not start.";
            if (Chromium.RunningInCi) throw new InvalidOperationException($"{reason} CI=true, so a browser test may not be skipped.");
            Assert.Skip(reason);
        }

        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = PhoneSession.Width, Height = PhoneSession.Height },
            DeviceScaleFactor = 2,
            IsMobile = true,
            HasTouch = true,
            Locale = "en-IN",
        });
        context.SetDefaultTimeout(ActionTimeoutMs);
        context.SetDefaultNavigationTimeout(NavigationTimeoutMs);
        return new PhoneSession(context, await context.NewPageAsync());
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null) await browser.DisposeAsync();
        playwright?.Dispose();
        if (host is not null) await host.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            dataDirectory.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
