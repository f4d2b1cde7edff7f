using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Outreach.EndToEndTests;

public sealed class CoordinationTests(OutreachApp app)
{
    [Fact]
    public async Task A_coordinator_reaches_the_overdue_re_check_and_break_glass_lists_from_home_on_a_phone_and_a_worker_does_not()
    {
        await using (var coordinator = await app.NewPhoneSessionAsync())
        {
            var page = coordinator.Page;
            await coordinator.SignInAsync("coordinator");
            var widths = new Dictionary<string, int> { ["home"] = await coordinator.ScrollWidthAsync() };
            foreach (var (link, heading) in new[] { ("Overdue follow-ups", "Overdue follow-ups"), ("Services to re-check", "Services to re-check"), ("Break-glass access", "Break-glass access") })
            {
                await page.GotoAsync("/");
                await page.GetByTestId("coordination").GetByRole(AriaRole.Link, new() { Name = link }).ClickAsync();
                await Expect(coordinator.Heading).ToHaveTextAsync(heading);
                widths[heading] = await coordinator.ScrollWidthAsync();
            }
            await coordinator.SaveScreenshotAsync("coordination-break-glass");
            Assert.True(widths.Values.All(w => w <= PhoneSession.Width), "Too wide: " + string.Join(", ", widths.Select(w => $"{w.Key} {w.Value} px")));
            coordinator.AssertNoBrowserErrors();
        }

        await using var worker = await app.NewPhoneSessionAsync();
        await worker.SignInAsync("worker");
        await Expect(worker.Page.GetByTestId("coordination")).ToHaveCountAsync(0);
        await worker.Page.GotoAsync("/Coordination/Overdue");
        await Expect(worker.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/AccessDenied"));
    }
}
