using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Outreach.EndToEndTests;

public sealed class GapsTests(OutreachApp app)
{
    [Fact]
    public async Task A_coordinator_verifies_a_gap_a_worker_reported_and_a_worker_cannot_verify_it()
    {
        var widths = new Dictionary<string, int>();
        string gapUrl;
        await using (var worker = await app.NewPhoneSessionAsync())
        {
            var page = worker.Page;
            await worker.SignInAsync("worker");
            await worker.GoToAsync("Gaps");
            await Expect(page.GetByTestId("gap-list").Locator("li")).Not.ToHaveCountAsync(0);
            widths["gaps"] = await worker.ScrollWidthAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Report a gap" }).ClickAsync();
            await page.GetByLabel("Village", new() { Exact = true }).SelectOptionAsync(await SurveysTests.OptionAsync(page, "Village", "Siddhikganj"));
            await page.GetByLabel("What is missing").SelectOptionAsync("crisis-line");
            await page.GetByLabel("What you saw or heard").FillAsync("A young man's family did not know whom to call at night.");
            widths["report a gap"] = await worker.ScrollWidthAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Report gap" }).ClickAsync();

            await Expect(worker.Heading).ToHaveTextAsync("Crisis line in Siddhikganj");
            await Expect(page.GetByTestId("gap-state")).ToHaveTextAsync("Reported");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Verify" })).ToHaveCountAsync(0);
            gapUrl = new Uri(page.Url).AbsolutePath;

            var headers = JsonSerializer.Deserialize<Dictionary<string, string>>((await page.Locator("body").GetAttributeAsync("hx-headers"))!)!;
            var move = page.APIRequest.CreateFormData();
            move.Set("version", "1");
            move.Set("state", "verified");
            var refused = await page.APIRequest.PostAsync($"{gapUrl}?handler=Move", new() { Form = move, Headers = headers, MaxRedirects = 0 });
            Assert.Equal(403, refused.Status);
            await page.ReloadAsync();
            await Expect(page.GetByTestId("gap-state")).ToHaveTextAsync("Reported");
            worker.AssertNoBrowserErrors();
        }

        await using var coordinator = await app.NewPhoneSessionAsync();
        var gap = coordinator.Page;
        await coordinator.SignInAsync("coordinator");
        await coordinator.GoToAsync("Gaps");
        await gap.GetByLabel("State").SelectOptionAsync("reported");
        await gap.GetByLabel("Category").SelectOptionAsync("crisis-line");
        await Expect(gap).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("state=reported&category=crisis-line"));
        await Expect(gap.GetByTestId("gap-list").Locator("li")).ToHaveCountAsync(1);
        await gap.GetByTestId("gap-list").GetByRole(AriaRole.Link, new() { Name = "Crisis line in Siddhikganj" }).ClickAsync();
        await Expect(gap.GetByTestId("gap-state")).ToHaveTextAsync("Reported");
        await Expect(gap.GetByTestId("gap-due")).ToHaveTextAsync("Not set");
        var stale = await coordinator.Context.NewPageAsync();
        await stale.GotoAsync(gapUrl);

        await gap.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();

        await Expect(gap.GetByRole(AriaRole.Status)).ToHaveTextAsync("The gap is now verified.");
        await Expect(gap.GetByTestId("gap-state")).ToHaveTextAsync("Verified");
        await Expect(gap.GetByTestId("gap-due")).ToHaveTextAsync(DateTime.UtcNow.AddDays(90).ToString("d MMM yyyy"));
        var history = gap.GetByTestId("gap-history").Locator("li");
        await Expect(history).ToHaveCountAsync(2);
        await Expect(history.Last).ToContainTextAsync("Reported → Verified");
        await Expect(history.Last).ToContainTextAsync("by Ravi Patel");
        await Expect(gap.GetByRole(AriaRole.Button, new() { Name = "Plan action" })).ToBeVisibleAsync();
        widths["gap detail"] = await coordinator.ScrollWidthAsync();

        await stale.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Expect(stale.GetByTestId("gap-problem")).ToContainTextAsync("changed by someone else");
        await Expect(stale.GetByTestId("gap-problem").GetByRole(AriaRole.Link, new() { Name = "Reload" })).ToBeVisibleAsync();
        await Expect(stale.GetByTestId("gap-history").Locator("li")).ToHaveCountAsync(2);

        var due = DateTime.UtcNow.AddDays(30);
        await gap.GetByLabel("Owner", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Sunita Yadav (Outreach worker)" });
        await gap.GetByLabel("Due on").FillAsync(due.ToString("yyyy-MM-dd"));
        await gap.GetByRole(AriaRole.Button, new() { Name = "Save owner and due date" }).ClickAsync();
        await Expect(gap.GetByRole(AriaRole.Status)).ToHaveTextAsync("Owner and due date saved.");
        await Expect(gap.GetByTestId("gap-due")).ToHaveTextAsync(due.ToString("d MMM yyyy"));
        await Expect(gap.GetByTestId("gap-owner")).ToHaveTextAsync("Sunita Yadav");
        await coordinator.SaveScreenshotAsync("gap-verified");

        await gap.GetByRole(AriaRole.Button, new() { Name = "Resolve" }).ClickAsync();
        await Expect(gap.GetByTestId("gap-state")).ToHaveTextAsync("Resolved");
        await gap.GetByRole(AriaRole.Button, new() { Name = "Reopen" }).ClickAsync();
        await Expect(gap.GetByTestId("gap-problem")).ToHaveTextAsync("Say why the gap is reopened.");
        await gap.GetByLabel("Note (needed to reopen)").FillAsync("The helpline number on the wall does not answer at night.");
        await gap.GetByRole(AriaRole.Button, new() { Name = "Reopen" }).ClickAsync();
        await Expect(gap.GetByTestId("gap-state")).ToHaveTextAsync("Reported");
        await Expect(history.Last).ToContainTextAsync("Resolved → Reported");
        await Expect(history.Last).ToContainTextAsync("does not answer at night");

        Assert.True(widths.Values.All(w => w <= PhoneSession.Width), "Too wide: " + string.Join(", ", widths.Select(w => $"{w.Key} {w.Value} px")));
        coordinator.AssertNoBrowserErrors();
    }
}
