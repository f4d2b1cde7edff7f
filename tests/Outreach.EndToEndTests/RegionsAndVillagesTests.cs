using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Outreach.EndToEndTests;

public sealed class RegionsAndVillagesTests(OutreachApp app)
{
    [Fact]
    public async Task An_outreach_worker_signs_in_and_sees_their_region_list()
    {
        await using var session = await app.NewPhoneSessionAsync();
        var page = session.Page;

        await session.SignInAsync("worker");
        var home = page.Locator("ul.cards > li");
        await Expect(home).ToHaveCountAsync(1);
        await Expect(home.GetByRole(AriaRole.Link, new() { Name = "Sehore", Exact = true })).ToBeVisibleAsync();

        await session.GoToAsync("Regions");
        await Expect(session.Heading).ToContainTextAsync("My regions");
        var regions = page.GetByTestId("region-list");
        await Expect(regions.Locator("li")).ToHaveCountAsync(1);
        await regions.GetByRole(AriaRole.Link, new() { Name = "Sehore", Exact = true }).ClickAsync();

        await Expect(session.Heading).ToContainTextAsync("Sehore");
        await Expect(regions.Locator("li")).ToHaveCountAsync(2);
        await Expect(regions.GetByRole(AriaRole.Link, new() { Name = "Ashta", Exact = true })).ToBeVisibleAsync();
        await Expect(regions.GetByRole(AriaRole.Link, new() { Name = "Ichhawar", Exact = true })).ToBeVisibleAsync();

        await session.GoToAsync("Villages");
        var villages = page.GetByTestId("village-table");
        await Expect(villages.Locator("tbody tr")).ToHaveCountAsync(7);
        await Expect(page.GetByText("7 villages", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(villages).ToContainTextAsync("Kotri");
        await Expect(villages).Not.ToContainTextAsync("Pathari");
        await Expect(villages).Not.ToContainTextAsync("Vidisha");
    }

    [Fact]
    public async Task Village_search_filters_as_you_type_through_htmx()
    {
        await using var session = await app.NewPhoneSessionAsync();
        var page = session.Page;
        await session.SignInAsync("worker");
        await session.GoToAsync("Villages");
        var rows = page.GetByTestId("village-table").Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(7);
        await page.EvaluateAsync("() => window.stillTheSamePage = true");
        var search = page.GetByRole(AriaRole.Searchbox, new() { Name = "Search by name (English or Hindi)" });

        var latin = await page.RunAndWaitForResponseAsync(
            () => search.PressSequentiallyAsync("Kot"),
            response => SearchTermOf(response) == "Kot");

        Assert.Equal("true", await latin.Request.HeaderValueAsync("hx-request"));
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("Kotri");

        await page.RunAndWaitForResponseAsync(() => search.FillAsync("कोटरी"), response => SearchTermOf(response) == "कोटरी");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("Kotri");
        await Expect(rows.First).ToContainTextAsync("कोटरी");

        await page.RunAndWaitForResponseAsync(() => search.FillAsync(""), response => SearchTermOf(response) == "");
        await Expect(rows).ToHaveCountAsync(7);

        Assert.True(await page.EvaluateAsync<bool>("() => window.stillTheSamePage === true"), "The search reloaded the whole page instead of swapping the results.");
        session.AssertNoBrowserErrors();
    }

    [Fact]
    public async Task An_admin_adds_a_block_under_a_district_through_the_form_and_it_appears_in_the_list()
    {
        await using var session = await app.NewPhoneSessionAsync();
        var page = session.Page;
        await session.SignInAsync("admin");
        await session.GoToAsync("Regions");
        var regions = page.GetByTestId("region-list");
        foreach (var name in new[] { "India", "Madhya Pradesh", "Vidisha" })
        {
            await regions.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();
            await Expect(session.Heading).ToContainTextAsync(name);
        }
        await Expect(regions.Locator("li")).ToHaveCountAsync(2);

        var form = page.Locator("form", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Add a Block" }) });
        await form.GetByLabel("Name (English)").FillAsync("Gyaraspur");
        await form.GetByLabel("Local name").FillAsync("ग्यारसपुर");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();

        await Expect(regions.GetByRole(AriaRole.Link, new() { Name = "Gyaraspur", Exact = true })).ToBeVisibleAsync();
        await Expect(regions.Locator("li")).ToHaveCountAsync(3);
        await Expect(regions.Locator("li", new() { HasText = "Gyaraspur" })).ToContainTextAsync("ग्यारसपुर");
        await Expect(session.Heading).ToContainTextAsync("Vidisha");

        await form.GetByLabel("Name (English)").FillAsync("Gyaraspur");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("already a region named 'Gyaraspur'");
        await Expect(regions.Locator("li")).ToHaveCountAsync(3);

        await regions.GetByRole(AriaRole.Link, new() { Name = "Gyaraspur", Exact = true }).ClickAsync();
        await Expect(session.Heading).ToContainTextAsync("Gyaraspur");
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Breadcrumb" })).ToContainTextAsync("Vidisha");
    }

    private static string? SearchTermOf(IResponse response)
    {
        var url = new Uri(response.Url);
        if (!url.AbsolutePath.Equals("/Villages", StringComparison.OrdinalIgnoreCase) || !url.Query.Contains("handler=Results", StringComparison.Ordinal)) return null;
        return url.Query.TrimStart('?').Split('&')
            .Select(pair => pair.Split('=', 2))
            .Where(pair => pair[0] == "search")
            .Select(pair => Uri.UnescapeDataString(pair.Length > 1 ? pair[1].Replace('+', ' ') : ""))
            .FirstOrDefault() ?? "";
    }
}
