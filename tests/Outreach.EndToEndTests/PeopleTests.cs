using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Outreach.EndToEndTests;

public sealed class PeopleTests(OutreachApp app)
{
    [Fact]
    public async Task A_worker_records_a_named_and_a_pseudonymous_person_finds_them_and_withdraws_a_consent()
    {
        await using var session = await app.NewPhoneSessionAsync();
        var page = session.Page;
        var tag = Tag();
        await session.SignInAsync("worker");
        await session.GoToAsync("People");
        await Expect(session.Heading).ToHaveTextAsync("People");
        await page.GetByRole(AriaRole.Link, new() { Name = "Record a person" }).ClickAsync();

        await Expect(session.Heading).ToHaveTextAsync("Record a person");
        await FillAsync(page, "Asha", "Verma" + tag, "Lives with her brother.");
        await session.SaveScreenshotAsync("people-new");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record person" }).ClickAsync();
        await Expect(session.Heading).ToHaveTextAsync("Asha Verma" + tag);
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("was recorded");
        await Expect(page.GetByTestId("risk-note")).ToHaveTextAsync("Lives with her brother.");
        var namedUrl = page.Url;

        await page.GotoAsync("/People/New");
        await FillAsync(page, "", "", null);
        await page.GetByRole(AriaRole.Button, new() { Name = "Record person" }).ClickAsync();
        await Expect(session.Heading).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^P-[0-9A-Z]{10}$"));
        var reference = (await session.Heading.TextContentAsync())!.Trim();
        await Expect(page.GetByTestId("reference")).ToContainTextAsync("pseudonymous");

        await session.GoToAsync("People");
        var list = page.GetByTestId("people-list");
        await Expect(list.GetByRole(AriaRole.Link, new() { Name = "Asha Verma" + tag, Exact = true })).ToBeVisibleAsync();
        await Expect(list.GetByRole(AriaRole.Link, new() { Name = reference, Exact = true })).ToBeVisibleAsync();

        await page.EvaluateAsync("() => window.stillTheSamePage = true");
        var search = page.GetByRole(AriaRole.Searchbox, new() { Name = "Search by name, reference or phone" });
        await search.PressSequentiallyAsync("Verma" + tag);
        await Expect(list.Locator("li")).ToHaveCountAsync(1);
        await Expect(list).ToContainTextAsync("Asha Verma" + tag);
        await Expect(list).ToContainTextAsync("Kotri");
        await Expect(list).ToContainTextAsync("Open");
        await search.FillAsync("आशा Varma" + tag);
        await Expect(list.Locator("li")).ToHaveCountAsync(1);
        await Expect(list).ToContainTextAsync("Asha Verma" + tag);
        await search.FillAsync(reference);
        await Expect(list.Locator("li")).ToHaveCountAsync(1);
        await Expect(list).ToContainTextAsync(reference);
        await page.GetByLabel("Mine only").CheckAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("mine only");
        await Expect(list.Locator("li")).ToHaveCountAsync(1);
        Assert.True(await page.EvaluateAsync<bool>("() => window.stillTheSamePage === true"), "The search reloaded the whole page instead of swapping the results.");

        await page.GotoAsync(namedUrl);
        var referral = page.Locator("tr[data-purpose=ReferralSharing]");
        await Expect(referral.Locator("td").First).ToHaveTextAsync("In force");
        await referral.GetByRole(AriaRole.Button, new() { Name = "Withdraw" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("withdrawn");
        await Expect(referral.Locator("td").First).ToHaveTextAsync("Not in force (withdrawn)");
        await Expect(page.Locator("tr[data-purpose=CaseWork] td").First).ToHaveTextAsync("In force");
        await session.SaveScreenshotAsync("person");
        session.AssertNoBrowserErrors();
    }

    [Fact]
    public async Task Recording_a_person_without_case_work_consent_shows_why_and_stores_nothing()
    {
        await using var session = await app.NewPhoneSessionAsync();
        var page = session.Page;
        var tag = Tag();
        await session.SignInAsync("worker");
        await page.GotoAsync("/People/New");
        await FillAsync(page, "Nobody", "Consented" + tag, null);
        await page.GetByLabel("Case work (required)").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Record person" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("consent to case work");
        await Expect(session.Heading).ToHaveTextAsync("Record a person");
        await Expect(page.GetByLabel("Family name")).ToHaveValueAsync("Consented" + tag);

        await page.GotoAsync("/People?search=Consented" + tag);
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("0 people");
        session.AssertNoBrowserErrors();
    }

    [Fact]
    public async Task A_stale_edit_shows_the_conflict_and_the_current_details_and_a_bad_phone_is_marked_on_its_field()
    {
        await using var session = await app.NewPhoneSessionAsync();
        var page = session.Page;
        var tag = Tag();
        await session.SignInAsync("worker");
        await page.GotoAsync("/People/New");
        await FillAsync(page, "Rekha", "Sahu" + tag, null);
        await page.GetByRole(AriaRole.Button, new() { Name = "Record person" }).ClickAsync();
        await Expect(session.Heading).ToHaveTextAsync("Rekha Sahu" + tag);

        var other = await session.Context.NewPageAsync();
        await other.GotoAsync(page.Url);
        await other.GetByLabel("Given name").FillAsync("Rekhaben");
        await other.GetByRole(AriaRole.Button, new() { Name = "Save details" }).ClickAsync();
        await Expect(other.GetByRole(AriaRole.Status)).ToContainTextAsync("Details saved.");

        await page.GetByLabel("Phone").FillAsync("not a phone");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save details" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("need correcting");
        await Expect(page.Locator("#edit-phone-error")).ToContainTextAsync("Use digits");

        await page.GetByLabel("Phone").FillAsync("+91 99999 11111");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save details" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Someone else changed this person");
        await Expect(page.GetByLabel("Given name")).ToHaveValueAsync("Rekhaben");
        await Expect(page.GetByLabel("Phone")).ToHaveValueAsync("+91 98765 43210");

        await page.GetByRole(AriaRole.Button, new() { Name = "Close case" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Case closed.");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Reopen case" })).ToBeVisibleAsync();
        session.AssertNoBrowserErrors();
    }

    [Fact]
    public async Task A_manager_cannot_open_a_person_and_another_district_gets_not_found()
    {
        string url;
        await using (var worker = await app.NewPhoneSessionAsync())
        {
            await worker.SignInAsync("worker");
            await worker.Page.GotoAsync("/People/New");
            await FillAsync(worker.Page, "Kavita", "Rao" + Tag(), "Talked about self-harm; check in weekly.");
            await worker.Page.GetByRole(AriaRole.Button, new() { Name = "Record person" }).ClickAsync();
            await Expect(worker.Page.GetByTestId("risk-note")).ToContainTextAsync("self-harm");
            url = worker.Page.Url;
        }

        await using (var elsewhere = await app.NewPhoneSessionAsync())
        {
            await elsewhere.SignInAsync("worker.vidisha");
            var refused = await elsewhere.Page.GotoAsync(url);
            Assert.Equal(404, refused!.Status);
            await Expect(elsewhere.Heading).ToHaveTextAsync("Not found");
            await Expect(elsewhere.Page.Locator("main")).Not.ToContainTextAsync("Kavita");
        }

        await using var manager = await app.NewPhoneSessionAsync();
        await manager.SignInAsync("manager");
        var forManager = await manager.Page.GotoAsync(url);
        Assert.Equal(403, forManager!.Status);
        await Expect(manager.Heading).ToHaveTextAsync("Not allowed");
        await Expect(manager.Page.Locator("main")).Not.ToContainTextAsync("Kavita");
        await Expect(manager.Page.GetByRole(AriaRole.Link, new() { Name = "People" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_people_pages_do_not_scroll_sideways_on_a_390px_phone()
    {
        await using var session = await app.NewPhoneSessionAsync();
        var page = session.Page;
        await session.SignInAsync("worker");
        await page.GotoAsync("/People/New");
        await FillAsync(page, "Lakshmi", "Narayanaswamy" + Tag(), "A long risk note that wraps over several lines on a small phone screen.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record person" }).ClickAsync();
        await Expect(page.GetByTestId("consent-table")).ToBeVisibleAsync();
        var widths = new Dictionary<string, int> { ["person"] = await session.ScrollWidthAsync() };
        await page.GotoAsync("/People/New");
        widths["new"] = await session.ScrollWidthAsync();
        await session.GoToAsync("People");
        await Expect(page.GetByTestId("people-list")).ToBeVisibleAsync();
        widths["list"] = await session.ScrollWidthAsync();

        Assert.True(widths.Values.All(w => w <= PhoneSession.Width), "Too wide: " + string.Join(", ", widths.Select(w => $"{w.Key} {w.Value} px")));
        session.AssertNoBrowserErrors();
    }

    private static string Tag() => Guid.NewGuid().ToString("N")[..6];

    private static async Task FillAsync(IPage page, string given, string family, string? riskNote)
    {
        var village = page.GetByLabel("Village", new() { Exact = true });
        var kotri = await village.Locator("option", new() { HasText = "Kotri" }).GetAttributeAsync("value");
        await village.SelectOptionAsync(kotri!);
        await page.GetByLabel("Given name").FillAsync(given);
        await page.GetByLabel("Family name").FillAsync(family);
        await page.GetByLabel("Sex").SelectOptionAsync("female");
        await page.GetByLabel("Birth year").FillAsync("1990");
        await page.GetByLabel("Phone").FillAsync("+91 98765 43210");
        if (riskNote is not null) await page.GetByLabel("Risk note (sensitive)").FillAsync(riskNote);
        await page.GetByLabel("Case work (required)").CheckAsync();
        await page.GetByLabel("Sharing with services they are referred to").CheckAsync();
        await page.GetByLabel("Verbal").CheckAsync();
    }
}
