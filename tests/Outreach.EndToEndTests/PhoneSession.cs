using Microsoft.Playwright;
using Outreach.Organization.Demo;
using static Microsoft.Playwright.Assertions;

namespace Outreach.EndToEndTests;

/// <summary>One test's browser context and page on a 390×844 phone, with the few steps every test repeats.</summary>
public sealed class PhoneSession : IAsyncDisposable
{
    public const int Width = 390;
    public const int Height = 844;
    public const string Password = SeedDemoData.Password;

    private readonly List<string> browserErrors = [];

    public PhoneSession(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !IsMissingFavicon(message)) browserErrors.Add($"console: {message.Text} ({message.Location})");
        };
        page.PageError += (_, error) => browserErrors.Add($"page error: {error}");
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>Fails on console errors and uncaught script errors so far (a CSP violation shows up here).</summary>
    public void AssertNoBrowserErrors() =>
        Assert.True(browserErrors.Count == 0, "The browser reported errors:\n" + string.Join("\n", browserErrors));

    public ILocator MainNav => Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });

    public ILocator Heading => Page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public async Task SignInAsync(string username)
    {
        await Page.GotoAsync("/Account/Login");
        await Page.GetByLabel("Username", new() { Exact = true }).FillAsync(username);
        await Page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(Heading).ToContainTextAsync("Namaste");
    }

    public Task GoToAsync(string navLink) =>
        MainNav.GetByRole(AriaRole.Link, new() { Name = navLink, Exact = true }).ClickAsync();

    /// <summary>The width of the page's content; above <see cref="Width"/> means the phone has to scroll sideways.</summary>
    public Task<int> ScrollWidthAsync() => Page.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth");

    public async Task<string> SaveScreenshotAsync(string name)
    {
        var path = Path.Combine(ScreenshotDirectory, $"{name}.png");
        await Page.ScreenshotAsync(new() { Path = path, FullPage = true });
        TestContext.Current.TestOutputHelper?.WriteLine($"Screenshot: {path}");
        return path;
    }

    public async Task<bool> HasCookieAsync(string name) => (await Context.CookiesAsync()).Any(c => c.Name == name);

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();

    // The layout links no icon, so Chromium asks for /favicon.ico and logs the 404 whenever it gets round to it.
    private static bool IsMissingFavicon(IConsoleMessage message) => message.Location.Contains("/favicon.ico", StringComparison.Ordinal);

    private static string ScreenshotDirectory
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Outreach.EndToEndTests.csproj"))) directory = directory.Parent;
            var path = Path.Combine(directory?.FullName ?? AppContext.BaseDirectory, "TestResults", "screenshots");
            Directory.CreateDirectory(path);
            return path;
        }
    }
}
