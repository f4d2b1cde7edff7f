using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Outreach.EndToEndTests;

public sealed class CaseworkTests(OutreachApp app)
{
    [Fact]
    public async Task A_worker_records_a_visit_schedules_a_follow_up_that_shows_on_the_caseload_and_refers_the_person()
    {
        var tag = Tag();
        var service = await AddServiceAsync("Sehore Helpline " + tag);
        await using var session = await app.NewPhoneSessionAsync();
        var page = session.Page;
        await session.SignInAsync("worker");
        await RecordPersonAsync(session, "Meena", "Patel" + tag);

        await Expect(page.GetByLabel("Village", new() { Exact = true })).ToHaveValueAsync(await KotriAsync(page));
        await Expect(page.GetByLabel("Date of visit")).ToHaveValueAsync(DateTime.UtcNow.ToString("yyyy-MM-dd"));
        await page.GetByLabel("Purpose").SelectOptionAsync("check-in");
        await page.GetByLabel("Latitude").FillAsync("23.0765");
        await page.GetByLabel("Longitude").FillAsync("77.0895");
        await page.GetByLabel("Notes", new() { Exact = true }).FillAsync("Talked with her and her brother.");
        await page.GetByLabel("Health notes (sensitive)").FillAsync("Sleeping badly.");
        await page.GetByLabel("Counselling").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Record visit" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Visit recorded.");
        var visits = page.GetByTestId("visits");
        await Expect(visits.Locator("li")).ToHaveCountAsync(1);
        await Expect(visits).ToContainTextAsync("Check in");
        await Expect(visits).ToContainTextAsync("Talked with her and her brother.");
        await Expect(visits).ToContainTextAsync("Sleeping badly.");
        await Expect(visits).ToContainTextAsync("Gaps found: Counselling");
        await Expect(visits).ToContainTextAsync("GPS 23.0765, 77.0895");
        var widths = new Dictionary<string, int> { ["person"] = await session.ScrollWidthAsync() };
        await session.SaveScreenshotAsync("visit");

        await page.GetByLabel("Due on").FillAsync(DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd"));
        await page.GetByLabel("What to follow up").FillAsync("Ask whether the counselling appointment happened.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Schedule follow-up" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Follow-up scheduled.");

        await page.GetByLabel("Service").SelectOptionAsync(new SelectOptionValue { Value = service.ToString() });
        await page.GetByLabel("Reason").FillAsync("Needs someone to talk to at night.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create referral" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Referral created.");
        var referrals = page.GetByTestId("referrals");
        await Expect(referrals).ToContainTextAsync("Sehore Helpline " + tag);
        await Expect(referrals).ToContainTextAsync("Created");
        var personUrl = page.Url;

        await session.GoToAsync("People");
        await page.GetByRole(AriaRole.Link, new() { Name = "My caseload" }).ClickAsync();
        await Expect(session.Heading).ToHaveTextAsync("My caseload");
        var entry = page.GetByTestId("caseload").Locator("li", new() { HasText = "Meena Patel" + tag });
        await Expect(entry).ToContainTextAsync("Overdue: " + DateTime.UtcNow.AddDays(-1).ToString("d MMM yyyy"));
        await Expect(entry).ToHaveClassAsync("overdue");
        await Expect(page.GetByTestId("caseload").Locator("li").First).ToHaveClassAsync("overdue");
        widths["caseload"] = await session.ScrollWidthAsync();

        await page.GotoAsync(personUrl);
        await page.GetByLabel("Latitude").FillAsync("123");
        await page.GetByLabel("Longitude").FillAsync("77.0895");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record visit" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("need correcting");
        await Expect(page.Locator("#visit-latitude-error")).ToContainTextAsync("Latitude");
        await Expect(page.GetByLabel("Latitude")).ToHaveValueAsync("123");
        await Expect(page.GetByTestId("visits").Locator("li")).ToHaveCountAsync(1);
        widths["visit error"] = await session.ScrollWidthAsync();

        Assert.True(widths.Values.All(w => w <= PhoneSession.Width), "Too wide: " + string.Join(", ", widths.Select(w => $"{w.Key} {w.Value} px")));
        session.AssertNoBrowserErrors();
    }

    [Fact]
    public async Task Submitting_the_same_visit_form_twice_records_one_visit()
    {
        await using var session = await app.NewPhoneSessionAsync();
        var page = session.Page;
        await session.SignInAsync("worker");
        await RecordPersonAsync(session, "Sarla", "Devi" + Tag());
        var personUrl = page.Url;
        await page.GetByLabel("Notes", new() { Exact = true }).FillAsync("First contact at the anganwadi.");
        var form = page.Locator("form", new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Record visit" }) });
        var action = await form.GetAttributeAsync("action");
        var fields = await form.EvaluateAsync<Dictionary<string, string>>("f => Object.fromEntries(new FormData(f))");

        var posted = page.APIRequest.CreateFormData();
        foreach (var (name, value) in fields) posted.Set(name, value);
        for (var i = 0; i < 2; i++)
        {
            var response = await page.APIRequest.PostAsync(action!, new() { Form = posted, MaxRedirects = 0 });
            Assert.Equal(302, response.Status);
        }

        await page.GotoAsync(personUrl);
        await Expect(page.GetByTestId("visits").Locator("li")).ToHaveCountAsync(1);
        session.AssertNoBrowserErrors();
    }

    [Fact]
    public async Task A_worker_starts_a_household_and_adds_a_neighbour_as_its_members_show_on_both_pages()
    {
        var tag = Tag();
        await using var session = await app.NewPhoneSessionAsync();
        var page = session.Page;
        await session.SignInAsync("worker");
        await RecordPersonAsync(session, "Ramesh", "Yadav" + tag);
        var rameshUrl = page.Url;
        await RecordPersonAsync(session, "Kamla", "Yadav" + tag);
        await Expect(page.GetByTestId("household")).ToContainTextAsync("Not recorded in a household.");
        await Expect(page.GetByLabel("Household name")).ToHaveValueAsync($"Yadav{tag} family");
        await page.GetByLabel("Kamla Yadav" + tag + " is the household's").SelectOptionAsync("head");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start household" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Household started.");
        await Expect(page.GetByTestId("household")).ToContainTextAsync($"Yadav{tag} family");

        await page.GetByLabel("Person from this village").SelectOptionAsync(new SelectOptionValue { Label = "Ramesh Yadav" + tag });
        await page.GetByLabel("Relationship").SelectOptionAsync("spouse");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add member" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Member added to the household.");
        var members = page.GetByTestId("household-members");
        await Expect(members.Locator("li")).ToHaveCountAsync(2);
        await Expect(members.Locator("li").First).ToContainTextAsync("Kamla Yadav" + tag + " · Head of household");
        Assert.True(await session.ScrollWidthAsync() <= PhoneSession.Width);

        await page.GotoAsync(rameshUrl);
        await Expect(page.GetByTestId("household-members")).ToContainTextAsync("Ramesh Yadav" + tag + " · Spouse");
        await page.GetByLabel("Household name").FillAsync($"Yadav{tag} family, by the temple");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save name" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Household renamed.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove Ramesh Yadav" + tag + " from the household" }).ClickAsync();
        await Expect(page.GetByTestId("household")).ToContainTextAsync("Not recorded in a household.");
        session.AssertNoBrowserErrors();
    }

    [Fact]
    public async Task A_worker_completes_and_cancels_follow_ups_on_the_person_page_and_is_told_when_someone_else_got_there_first()
    {
        await using var session = await app.NewPhoneSessionAsync();
        var page = session.Page;
        await session.SignInAsync("worker");
        await RecordPersonAsync(session, "Geeta", "Rai" + Tag());
        var soon = DateTime.UtcNow.AddDays(1);
        var later = DateTime.UtcNow.AddDays(3);
        foreach (var (due, note) in new[] { (later, "Ask about the peer group."), (soon, "Check she slept.") })
        {
            await page.GetByLabel("Due on").FillAsync(due.ToString("yyyy-MM-dd"));
            await page.GetByLabel("What to follow up").FillAsync(note);
            await page.GetByRole(AriaRole.Button, new() { Name = "Schedule follow-up" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Follow-up scheduled.");
        }
        var list = page.GetByTestId("follow-ups");
        await Expect(list.Locator("li")).ToHaveCountAsync(2);
        await Expect(list.Locator("li").First).ToContainTextAsync("Check she slept.");
        await page.EvaluateAsync("() => window.stillTheSamePage = true");

        await page.GetByRole(AriaRole.Button, new() { Name = "Complete follow-up due " + soon.ToString("d MMM yyyy") }).ClickAsync();
        await Expect(page.GetByTestId("follow-up-message")).ToHaveTextAsync("Follow-up marked done.");
        await Expect(list.Locator("li[data-status=done]")).ToContainTextAsync("Check she slept.");
        await Expect(list.Locator("li[data-status=open]")).ToHaveCountAsync(1);

        var laterId = await list.Locator("li[data-status=open] input[name=followUpId]").First.GetAttributeAsync("value");
        using (var api = await WorkerApiAsync())
        {
            (await api.PostAsJsonAsync($"/api/v1/follow-ups/{laterId}/complete", new { version = 1 })).EnsureSuccessStatusCode();
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel follow-up due " + later.ToString("d MMM yyyy") }).ClickAsync();
        await Expect(page.GetByTestId("follow-up-message")).ToContainTextAsync("already done");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Someone else closed it");
        await Expect(list.Locator("li[data-status=done]")).ToHaveCountAsync(2);
        Assert.True(await page.EvaluateAsync<bool>("() => window.stillTheSamePage === true"), "Completing a follow-up reloaded the whole page.");
        Assert.True(await session.ScrollWidthAsync() <= PhoneSession.Width);
        session.AssertNoBrowserErrors();
    }

    [Fact]
    public async Task A_worker_sends_a_new_referral_from_the_person_page_and_sees_the_providers_code_link_and_QR_once()
    {
        var tag = Tag();
        var service = await AddServiceAsync("Ashta Helpline " + tag);
        await using var session = await app.NewPhoneSessionAsync();
        var page = session.Page;
        await session.SignInAsync("worker");
        await RecordPersonAsync(session, "Nirmala", "Sen" + tag);
        await page.GetByLabel("Service").SelectOptionAsync(new SelectOptionValue { Value = service.ToString() });
        await page.GetByLabel("Reason").FillAsync("Wants to talk to someone at night.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create referral" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Referral created.");
        await page.EvaluateAsync("() => window.stillTheSamePage = true");

        await page.GetByRole(AriaRole.Button, new() { Name = "Send the referral to Ashta Helpline " + tag }).ClickAsync();
        var sent = page.GetByTestId("sent-referral");
        await Expect(sent).ToContainTextAsync("Ashta Helpline " + tag);
        await Expect(page.GetByTestId("referral-code")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$"));
        var code = (await page.GetByTestId("referral-code").TextContentAsync())!;
        await Expect(page.GetByTestId("referral-link")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("/Referral/" + code + "$"));
        await Expect(page.GetByTestId("referral-qr")).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^data:image/png;base64,"));
        Assert.True(await page.GetByTestId("referral-qr").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "The QR code did not render.");
        await Expect(page.GetByTestId("referrals").Locator("li[data-status=sent]")).ToContainTextAsync("Sent");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send the referral to Ashta Helpline " + tag })).ToHaveCountAsync(0);
        Assert.True(await page.EvaluateAsync<bool>("() => window.stillTheSamePage === true"), "Sending reloaded the whole page.");
        Assert.True(await session.ScrollWidthAsync() <= PhoneSession.Width);

        await page.ReloadAsync();
        await Expect(page.GetByTestId("sent-referral")).ToHaveCountAsync(0);
        session.AssertNoBrowserErrors();
    }

    private static string Tag() => Guid.NewGuid().ToString("N")[..6];

    private static async Task<string> KotriAsync(IPage page) =>
        (await page.GetByLabel("Village", new() { Exact = true }).Locator("option", new() { HasText = "Kotri" }).First.GetAttributeAsync("value"))!;

    private static async Task RecordPersonAsync(PhoneSession session, string given, string family)
    {
        var page = session.Page;
        await session.GoToAsync("People");
        await page.GetByRole(AriaRole.Link, new() { Name = "Record a person" }).ClickAsync();
        await page.GetByLabel("Village", new() { Exact = true }).SelectOptionAsync(await KotriAsync(page));
        await page.GetByLabel("Given name").FillAsync(given);
        await page.GetByLabel("Family name").FillAsync(family);
        await page.GetByLabel("Case work (required)").CheckAsync();
        await page.GetByLabel("Sharing with services they are referred to").CheckAsync();
        await page.GetByLabel("Verbal").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Record person" }).ClickAsync();
        await Expect(session.Heading).ToHaveTextAsync($"{given} {family}");
    }

    private async Task<HttpClient> WorkerApiAsync()
    {
        var client = new HttpClient { BaseAddress = app.BaseAddress };
        var issued = await client.PostAsJsonAsync("/api/v1/auth/tokens", new { username = "worker", password = PhoneSession.Password, deviceName = "casework tests" });
        issued.EnsureSuccessStatusCode();
        var token = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<Guid> AddServiceAsync(string name)
    {
        using var client = await WorkerApiAsync();
        var regions = await client.GetFromJsonAsync<JsonElement>("/api/v1/regions");
        var district = regions.EnumerateArray().First(r => r.GetProperty("name").GetString() == "Sehore").GetProperty("id").GetGuid();
        var id = Guid.CreateVersion7();
        var added = await client.PostAsJsonAsync("/api/v1/services", new
        {
            id, name, category = "helpline", regionId = district, languages = "Hindi", contact = "+91 1800 599 0019", hours = "24 hours", mode = "virtual",
        });
        Assert.True(added.IsSuccessStatusCode, $"Adding a service failed: {(int)added.StatusCode} {await added.Content.ReadAsStringAsync()}");
        return id;
    }
}
