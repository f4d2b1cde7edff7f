using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Outreach.EndToEndTests;

public sealed class PhoneLayoutTests(OutreachApp app)
{
    [Fact]
    public async Task The_main_pages_do_not_scroll_sideways_on_a_390px_phone()
    {
        var tooWide = new List<string>();

        await using (var visitor = await app.NewPhoneSessionAsync())
        {
            await visitor.Page.GotoAsync("/Account/Login");
            await MeasureAsync(visitor, "sign in", tooWide);
        }

        await using (var worker = await app.NewPhoneSessionAsync())
        {
            await worker.SignInAsync("worker");
            await MeasureAsync(worker, "home (worker)", tooWide);
            await worker.GoToAsync("Regions");
            await MeasureAsync(worker, "my regions", tooWide);
            await worker.Page.GetByTestId("region-list").GetByRole(AriaRole.Link, new() { Name = "Sehore", Exact = true }).ClickAsync();
            await Expect(worker.Heading).ToContainTextAsync("Sehore");
            await MeasureAsync(worker, "district Sehore", tooWide);
            await worker.GoToAsync("Villages");
            await MeasureAsync(worker, "villages", tooWide);
            await worker.GoToAsync("API tokens");
            await MeasureAsync(worker, "API tokens", tooWide);
            worker.AssertNoBrowserErrors();
        }

        await using (var admin = await app.NewPhoneSessionAsync())
        {
            await admin.SignInAsync("admin");
            await MeasureAsync(admin, "home (admin)", tooWide);
            await admin.GoToAsync("Users");
            await MeasureAsync(admin, "users", tooWide);
            await admin.GoToAsync("Regions");
            await admin.Page.GetByTestId("region-list").GetByRole(AriaRole.Link, new() { Name = "India", Exact = true }).ClickAsync();
            await Expect(admin.Heading).ToContainTextAsync("India");
            await MeasureAsync(admin, "region India with the add form", tooWide);
            await admin.GoToAsync("Notifications");
            await Expect(admin.Heading).ToContainTextAsync("Notifications not yet delivered");
            await MeasureAsync(admin, "notifications", tooWide);
            await admin.SaveScreenshotAsync("notifications");
            admin.AssertNoBrowserErrors();
        }

        Assert.True(tooWide.Count == 0, $"These pages are wider than {PhoneSession.Width} px and scroll sideways: {string.Join("; ", tooWide)}");
    }

    [Fact]
    public async Task The_home_and_villages_pages_render_on_a_phone_and_are_saved_as_screenshots()
    {
        await using var session = await app.NewPhoneSessionAsync();
        await session.Page.GotoAsync("/Account/Login");
        await session.SaveScreenshotAsync("sign-in");

        await session.SignInAsync("worker");
        await Expect(session.Page.Locator("ul.cards > li")).ToHaveCountAsync(1);
        Assert.True(new FileInfo(await session.SaveScreenshotAsync("home")).Length > 0);

        await session.GoToAsync("Villages");
        await Expect(session.Page.GetByTestId("village-table").Locator("tbody tr")).ToHaveCountAsync(7);
        Assert.True(new FileInfo(await session.SaveScreenshotAsync("villages")).Length > 0);

        Assert.True(await session.Page.EvaluateAsync<bool>("() => typeof htmx === 'object'"), "htmx did not load.");
        session.AssertNoBrowserErrors();
    }

    private static async Task MeasureAsync(PhoneSession session, string page, List<string> tooWide)
    {
        await session.Page.WaitForLoadStateAsync(LoadState.Load);
        var width = await session.ScrollWidthAsync();
        TestContext.Current.TestOutputHelper?.WriteLine($"{page}: scrollWidth {width}");
        if (width > PhoneSession.Width) tooWide.Add($"{page} ({session.Page.Url}) is {width} px");
    }
}
