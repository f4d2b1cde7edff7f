using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Outreach.EndToEndTests;

public sealed class AccessTests(OutreachApp app)
{
    [Fact]
    public async Task The_users_page_is_refused_for_an_outreach_worker_and_shown_for_an_admin()
    {
        await using (var worker = await app.NewPhoneSessionAsync())
        {
            await worker.SignInAsync("worker");
            await Expect(worker.MainNav.GetByRole(AriaRole.Link, new() { Name = "Users", Exact = true })).ToHaveCountAsync(0);

            var refused = await worker.Page.GotoAsync("/Users");

            Assert.Equal(403, refused!.Status);
            await Expect(worker.Heading).ToHaveTextAsync("Not allowed");
            await Expect(worker.Page.GetByTestId("user-table")).ToHaveCountAsync(0);
        }

        await using var admin = await app.NewPhoneSessionAsync();
        await admin.SignInAsync("admin");
        await admin.GoToAsync("Users");

        await Expect(admin.Heading).ToHaveTextAsync("Users in my regions");
        var users = admin.Page.GetByTestId("user-table");
        await Expect(users.GetByRole(AriaRole.Cell, new() { Name = "worker", Exact = true })).ToBeVisibleAsync();
        await Expect(users.GetByRole(AriaRole.Cell, new() { Name = "worker.vidisha", Exact = true })).ToBeVisibleAsync();
    }
}
