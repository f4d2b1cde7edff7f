using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Outreach.EndToEndTests;

public sealed class SigningInTests(OutreachApp app)
{
    [Fact]
    public async Task A_wrong_password_shows_a_clear_message_and_no_session_and_the_page_stays_usable()
    {
        await using var session = await app.NewPhoneSessionAsync();
        var page = session.Page;
        await page.GotoAsync("/Account/Login");

        await page.GetByLabel("Username", new() { Exact = true }).FillAsync("coordinator");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The username or password is not right.");
        await Expect(session.Heading).ToHaveTextAsync("Sign in to Outreach");
        Assert.False(await session.HasCookieAsync("outreach.auth"));
        var home = await session.Context.APIRequest.GetAsync("/", new() { MaxRedirects = 0 });
        Assert.Equal(302, home.Status);
        Assert.Contains("/Account/Login", home.Headers["location"], StringComparison.Ordinal);

        await Expect(page.GetByLabel("Username", new() { Exact = true })).ToHaveValueAsync("coordinator");
        await Expect(page.GetByLabel("Password", new() { Exact = true })).ToHaveValueAsync("");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(PhoneSession.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(session.Heading).ToHaveTextAsync("Namaste, Ravi Patel");
        Assert.True(await session.HasCookieAsync("outreach.auth"));
    }

    [Fact]
    public async Task The_sign_in_form_works_with_the_keyboard_only()
    {
        await using var session = await app.NewPhoneSessionAsync();
        var page = session.Page;
        await page.GotoAsync("/Account/Login");

        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to content", await FocusedTextAsync(page));

        var presses = 1;
        while (await FocusedIdAsync(page) != "Username" && presses < 5)
        {
            await page.Keyboard.PressAsync("Tab");
            presses++;
        }
        Assert.Equal("Username", await FocusedIdAsync(page));
        Assert.NotEqual("none", await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle"));

        await page.Keyboard.TypeAsync("worker");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Password", await FocusedIdAsync(page));
        await page.Keyboard.TypeAsync(PhoneSession.Password);
        await page.Keyboard.PressAsync("Enter");

        await Expect(session.Heading).ToHaveTextAsync("Namaste, Sunita Yadav");
    }

    private static Task<string> FocusedIdAsync(IPage page) => page.EvaluateAsync<string>("() => document.activeElement?.id ?? ''");

    private static Task<string> FocusedTextAsync(IPage page) => page.EvaluateAsync<string>("() => document.activeElement?.textContent?.trim() ?? ''");
}
