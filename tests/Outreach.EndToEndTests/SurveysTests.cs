using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Outreach.EndToEndTests;

public sealed class SurveysTests(OutreachApp app)
{
    private const string Survey = "Village services check";
    private const string SupportGroupHindi = "क्या पास में कोई मानसिक स्वास्थ्य सहायता समूह है?";

    [Fact]
    public async Task A_worker_fills_the_village_survey_on_a_phone_and_one_response_is_stored_even_when_the_form_is_sent_twice()
    {
        using var api = await ApiAsync("worker");
        var before = await CampaignResponsesAsync(api);
        await using var session = await app.NewPhoneSessionAsync();
        await session.Context.GrantPermissionsAsync(["geolocation"]);
        await session.Context.SetGeolocationAsync(new Geolocation { Latitude = 23.0765f, Longitude = 77.0895f, Accuracy = 12 });
        var page = session.Page;
        var widths = new Dictionary<string, int>();
        await session.SignInAsync("worker");

        await session.GoToAsync("Surveys");
        widths["surveys"] = await session.ScrollWidthAsync();
        await page.GetByTestId("active-campaigns").GetByRole(AriaRole.Link, new() { Name = "Fill in" }).First.ClickAsync();
        await Expect(session.Heading).ToHaveTextAsync(Survey);
        await Expect(page.Locator("[data-question=support_group] legend [lang=hi]")).ToHaveTextAsync(SupportGroupHindi);
        widths["survey form"] = await session.ScrollWidthAsync();
        await Expect(page.GetByLabel("Village", new() { Exact = true }).Locator("option")).ToHaveCountAsync(8);

        await page.GetByLabel("Village", new() { Exact = true }).SelectOptionAsync(await OptionAsync(page, "Village", "Brijeshnagar"));
        await page.GetByLabel("How many households did you speak with?").FillAsync("12");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send response" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("need correcting");
        await Expect(page.Locator("[data-question=support_group] .field-error")).ToHaveTextAsync("Please answer this question.");
        await Expect(page.Locator("[data-question=wellbeing] .field-error")).ToHaveTextAsync("Please answer this question.");
        await Expect(page.Locator("[data-question=households] .field-error")).ToBeEmptyAsync();
        await Expect(page.GetByLabel("How many households did you speak with?")).ToHaveValueAsync("12");
        widths["survey form with errors"] = await session.ScrollWidthAsync();
        await session.SaveScreenshotAsync("survey-errors");

        await page.GetByRole(AriaRole.Group, new() { Name = SupportGroupHindi }).GetByLabel("No").CheckAsync();
        await page.GetByLabel("Counselling").CheckAsync();
        await page.GetByLabel("Transport to services").CheckAsync();
        await page.GetByLabel("In the district town").CheckAsync();
        await page.Locator("[data-question=wellbeing] .scale span", new() { HasText = "4" }).ClickAsync();
        await Expect(page.Locator("[data-question=wellbeing] input[value='4']")).ToBeCheckedAsync();
        await page.GetByLabel("When was the last health camp here?").FillAsync("2026-03-14");
        await page.GetByRole(AriaRole.Button, new() { Name = "Use my location" }).ClickAsync();
        await Expect(page.GetByLabel("Latitude")).ToHaveValueAsync("23.076500");
        await Expect(page.GetByLabel("Longitude")).ToHaveValueAsync("77.089500");
        await page.GetByLabel("Anything else people told you").FillAsync("The ASHA worker wants a group that meets on market day.");
        var form = page.GetByTestId("survey-form");
        await session.SaveScreenshotAsync("survey-filled");
        var fields = await form.EvaluateAsync<string[][]>("f => [...new FormData(f)].map(([k, v]) => [k, String(v)])");
        var fillUrl = page.Url;
        await page.GetByRole(AriaRole.Button, new() { Name = "Send response" }).ClickAsync();

        await Expect(session.Heading).ToHaveTextAsync("Response sent");
        await Expect(page.GetByTestId("confirmation")).ToHaveTextAsync("Thank you. The response was saved.");
        widths["sent"] = await session.ScrollWidthAsync();
        Assert.Equal(before + 1, await CampaignResponsesAsync(api));

        var again = page.APIRequest.CreateFormData();
        foreach (var field in fields) again.Append(field[0], field[1]);
        var replay = await page.APIRequest.PostAsync(fillUrl, new() { Form = again, MaxRedirects = 0 });
        Assert.Equal(302, replay.Status);
        Assert.Equal(before + 1, await CampaignResponsesAsync(api));

        await page.GetByRole(AriaRole.Link, new() { Name = "Campaign progress" }).ClickAsync();
        await Expect(page.GetByTestId("village-progress").Locator("li[data-village=Brijeshnagar]")).ToContainTextAsync("1 of 5");
        widths["campaign progress"] = await session.ScrollWidthAsync();
        await session.SaveScreenshotAsync("campaign-progress");

        Assert.True(widths.Values.All(w => w <= PhoneSession.Width), "Too wide: " + string.Join(", ", widths.Select(w => $"{w.Key} {w.Value} px")));
        session.AssertNoBrowserErrors();
    }

    [Fact]
    public async Task A_coordinator_compares_a_response_sent_twice_with_different_answers_and_takes_the_later_one()
    {
        using var api = await ApiAsync("worker");
        var survey = (await api.GetFromJsonAsync<JsonElement>("/api/v1/surveys")).EnumerateArray().First(s => s.GetProperty("name").GetString() == Survey);
        var templateId = survey.GetProperty("id").GetGuid();
        var version = survey.GetProperty("latestVersion").GetInt32();
        var village = (await api.GetFromJsonAsync<JsonElement>("/api/v1/villages?search=Nadan")).GetProperty("items")[0].GetProperty("id").GetGuid();
        var id = Guid.CreateVersion7();
        object Body(string notes) => new
        {
            id, templateId, templateVersion = version, villageId = village, collectedOn = DateTime.UtcNow.ToString("yyyy-MM-dd"),
            answers = new Dictionary<string, object> { ["support_group"] = "yes", ["wellbeing"] = 3, ["notes"] = notes },
        };
        Assert.Equal(201, (int)(await api.PostAsJsonAsync("/api/v1/responses", Body("First visit: " + id))).StatusCode);
        Assert.Equal(409, (int)(await api.PostAsJsonAsync("/api/v1/responses", Body("Corrected on the way back: " + id))).StatusCode);

        await using var session = await app.NewPhoneSessionAsync();
        var page = session.Page;
        await session.SignInAsync("coordinator");
        await session.GoToAsync("Surveys");
        var listWidth = await session.ScrollWidthAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Responses in conflict" }).ClickAsync();
        var conflict = page.GetByTestId("conflict").Filter(new() { HasText = "Corrected on the way back: " + id });
        await Expect(conflict.Locator("tr.differs")).ToHaveCountAsync(1);
        await Expect(conflict.Locator("tr.differs td").First).ToHaveTextAsync("First visit: " + id);
        var width = await session.ScrollWidthAsync();
        await session.SaveScreenshotAsync("survey-conflicts");

        await conflict.GetByRole(AriaRole.Button, new() { Name = "Take later" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The later version replaced the stored response.");
        await Expect(page.GetByTestId("conflict").Filter(new() { HasText = id.ToString() })).ToHaveCountAsync(0);

        await page.GotoAsync("/Surveys/Campaigns/New");
        await Expect(session.Heading).ToHaveTextAsync("Start a campaign");
        var formWidth = await session.ScrollWidthAsync();
        await page.GetByLabel("Campaign name").FillAsync("Vidisha follow-up " + id.ToString("N")[..6]);
        await page.GetByLabel("Basoda").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Start campaign" }).ClickAsync();
        await Expect(session.Heading).ToContainTextAsync("Vidisha follow-up");
        await Expect(page.GetByTestId("village-progress").Locator("li")).ToHaveCountAsync(3);

        Assert.True(width <= PhoneSession.Width, $"The conflicts page is {width} px wide.");
        Assert.True(listWidth <= PhoneSession.Width, $"The coordinator's surveys page is {listWidth} px wide.");
        Assert.True(formWidth <= PhoneSession.Width, $"The new campaign form is {formWidth} px wide.");
        Assert.True(await session.ScrollWidthAsync() <= PhoneSession.Width, "The campaign progress page scrolls sideways.");
        session.AssertNoBrowserErrors();
    }

    [Fact]
    public async Task A_coordinator_writes_a_new_survey_on_a_phone_with_choices_in_two_languages()
    {
        var name = $"Helpline check {Guid.NewGuid():N}"[..24];
        await using var session = await app.NewPhoneSessionAsync();
        var page = session.Page;
        await session.SignInAsync("coordinator");

        await session.GoToAsync("Surveys");
        await page.GetByRole(AriaRole.Link, new() { Name = "New survey" }).ClickAsync();
        await Expect(session.Heading).ToHaveTextAsync("New survey");
        await page.GetByLabel("Survey name").FillAsync(name);
        await page.GetByLabel("Question (English)").FillAsync("Does the village know a helpline number?");
        await page.GetByLabel("Question (Hindi, optional)").FillAsync("क्या गाँव में किसी को हेल्पलाइन नंबर पता है?");
        await page.GetByLabel("Short name").FillAsync("knows_helpline");
        await page.GetByLabel("Answers that report a missing service").FillAsync("no = helpline");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a question" }).ClickAsync();

        var second = page.GetByTestId("question").Nth(1);
        await Expect(page.GetByTestId("question")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("question").Nth(0).GetByLabel("Short name")).ToHaveValueAsync("knows_helpline");
        await second.GetByLabel("Question (English)").FillAsync("Which language should it answer in?");
        await second.GetByLabel("Short name").FillAsync("language");
        await second.GetByLabel("Type of answer").SelectOptionAsync(new SelectOptionValue { Label = "One choice" });
        await second.GetByLabel("Choices, one per line").FillAsync("hindi | Hindi | हिंदी\nbundeli | Bundeli | बुंदेली");
        var formWidth = await session.ScrollWidthAsync();
        await session.SaveScreenshotAsync("survey-editor");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create survey" }).ClickAsync();

        await Expect(session.Heading).ToHaveTextAsync("Surveys");
        await Expect(page.GetByTestId("surveys")).ToContainTextAsync(name);
        using var api = await ApiAsync("coordinator");
        var created = (await api.GetFromJsonAsync<JsonElement>("/api/v1/surveys")).EnumerateArray().Single(s => s.GetProperty("name").GetString() == name);
        var questions = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/surveys/{created.GetProperty("id").GetGuid()}")).GetProperty("questions");
        Assert.Equal("बुंदेली", questions[1].GetProperty("choices")[1].GetProperty("labelHi").GetString());
        Assert.Equal("helpline", questions[0].GetProperty("gaps").GetProperty("no").GetString());
        Assert.True(formWidth <= PhoneSession.Width, $"The survey editor is {formWidth} px wide.");
        session.AssertNoBrowserErrors();
    }

    internal static async Task<string> OptionAsync(IPage page, string label, string text) =>
        (await page.GetByLabel(label, new() { Exact = true }).Locator("option", new() { HasText = text }).First.GetAttributeAsync("value"))!;

    private static async Task<int> CampaignResponsesAsync(HttpClient api)
    {
        var counts = await api.GetFromJsonAsync<JsonElement>("/api/v1/responses/counts/by-campaign");
        return counts.EnumerateArray().Where(c => c.GetProperty("campaignName").GetString()!.StartsWith(Survey + ": Sehore", StringComparison.Ordinal))
            .Sum(c => c.GetProperty("responses").GetInt32());
    }

    internal async Task<HttpClient> ApiAsync(string username) => await ApiAsync(app, username);

    internal static async Task<HttpClient> ApiAsync(OutreachApp app, string username)
    {
        var client = new HttpClient { BaseAddress = app.BaseAddress };
        var issued = await client.PostAsJsonAsync("/api/v1/auth/tokens", new { username, password = PhoneSession.Password, deviceName = "survey tests" });
        issued.EnsureSuccessStatusCode();
        var token = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
