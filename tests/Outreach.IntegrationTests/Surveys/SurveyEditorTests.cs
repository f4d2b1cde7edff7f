using System.Net;
using System.Text.Json;
using Dapper;
using Outreach.IntegrationTests.Infrastructure;

namespace Outreach.IntegrationTests.Surveys;

/// <summary>The survey editor page: coordinators write questions, choices and gap rules as a form, not JSON.</summary>
public abstract class SurveyEditorTests(IOutreachApp app)
{
    private static Dictionary<string, string> Question(int i, string key, string type, string label, string? labelHi = null, bool required = false,
        string? choices = null, string? gaps = null, string? min = null, string? max = null)
    {
        var fields = new Dictionary<string, string>
        {
            [$"Questions[{i}].Key"] = key, [$"Questions[{i}].Type"] = type, [$"Questions[{i}].Label"] = label,
            [$"Questions[{i}].LabelHi"] = labelHi ?? "", [$"Questions[{i}].Choices"] = choices ?? "", [$"Questions[{i}].Gaps"] = gaps ?? "",
            [$"Questions[{i}].Min"] = min ?? "", [$"Questions[{i}].Max"] = max ?? "",
        };
        if (required) fields[$"Questions[{i}].Required"] = "true";
        return fields;
    }

    private static Dictionary<string, string> Form(params Dictionary<string, string>[] parts) =>
        parts.SelectMany(p => p).ToDictionary(p => p.Key, p => p.Value);

    private Task<long> Templates(string name) =>
        app.WithDb(db => db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM surveys_template WHERE name = @Name", new { Name = name }));

    private static Guid SavedId(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return Guid.Parse(response.Headers.Location!.OriginalString.Split("saved=")[1]);
    }

    [Fact]
    public async Task A_coordinator_writes_a_survey_on_the_page_and_publishes_a_second_version_of_it()
    {
        using var browser = await Ui.SignInAsync(app, "coordinator");
        using var api = await app.ApiAs("coordinator");
        var name = $"Support within reach {Guid.NewGuid():N}";

        var created = await Ui.PostFormAsync(browser, "/Surveys/Edit", Form(
            new() { ["Name"] = name, ["Description"] = "Asked at the anganwadi", ["Version"] = "0" },
            Question(0, "support_group", "YesNo", "Is there a support group within reach?", "क्या पास में कोई सहायता समूह है?", required: true, gaps: "no = support-group"),
            Question(1, "nearest", "SingleSelect", "Where is the nearest counsellor?", choices: "village | In the village | गाँव में\r\nnone | Nobody knows of one", gaps: "none = counselling"),
            Question(2, "households", "Number", "Households asked", min: "1", max: "500")));
        var id = SavedId(created);
        var first = await (await api.GetAsync(new Uri($"/api/v1/surveys/{id}", UriKind.Relative))).Read<JsonElement>();
        var editor = await browser.GetStringAsync(new Uri($"/Surveys/Edit/{id}", UriKind.Relative));

        var questions = first.GetProperty("questions");
        Assert.Equal(["support_group", "nearest", "households"], questions.EnumerateArray().Select(q => q.GetProperty("key").GetString()));
        Assert.Equal("क्या पास में कोई सहायता समूह है?", questions[0].GetProperty("labelHi").GetString());
        Assert.True(questions[0].GetProperty("required").GetBoolean());
        Assert.Equal("support-group", questions[0].GetProperty("gaps").GetProperty("no").GetString());
        var choices = questions[1].GetProperty("choices");
        Assert.Equal(("village", "In the village", "गाँव में"), (choices[0].GetProperty("value").GetString(), choices[0].GetProperty("label").GetString(), choices[0].GetProperty("labelHi").GetString()));
        Assert.Equal(JsonValueKind.Null, choices[1].GetProperty("labelHi").ValueKind);
        Assert.Equal((1m, 500m), (questions[2].GetProperty("min").GetDecimal(), questions[2].GetProperty("max").GetDecimal()));
        Assert.Contains("none = counselling", editor, StringComparison.Ordinal);
        Assert.Contains("Publish version 2", editor, StringComparison.Ordinal);

        var version = first.GetProperty("version").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var fields = Form(
            new() { ["Version"] = version },
            Question(0, "support_group", "YesNo", "Is there a support group within reach?", required: true, gaps: "no = support-group"),
            Question(1, "notes", "Text", "Anything else people said", max: "1000"));
        var published = await Ui.PostFormAsync(browser, $"/Surveys/Edit/{id}", fields);
        var stale = await Ui.PostFormAsync(browser, $"/Surveys/Edit/{id}", fields);
        var second = await (await api.GetAsync(new Uri($"/api/v1/surveys/{id}", UriKind.Relative))).Read<JsonElement>();
        var firstAgain = await (await api.GetAsync(new Uri($"/api/v1/surveys/{id}?version=1", UriKind.Relative))).Read<JsonElement>();

        Assert.Equal(id, SavedId(published));
        Assert.Equal(2, second.GetProperty("latestVersion").GetInt32());
        Assert.Equal(["support_group", "notes"], second.GetProperty("questions").EnumerateArray().Select(q => q.GetProperty("key").GetString()));
        Assert.Equal(3, firstAgain.GetProperty("questions").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("The survey was not saved", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(2, (await (await api.GetAsync(new Uri($"/api/v1/surveys/{id}", UriKind.Relative))).Read<JsonElement>()).GetProperty("latestVersion").GetInt32());
    }

    [Fact]
    public async Task Badly_written_choices_and_questions_are_explained_and_nothing_is_saved()
    {
        using var browser = await Ui.SignInAsync(app, "coordinator");
        var name = $"Half-written {Guid.NewGuid():N}";

        var response = await Ui.PostFormAsync(browser, "/Surveys/Edit", Form(
            new() { ["Name"] = name, ["Version"] = "0" },
            Question(0, "1st_question", "YesNo", "Is there a clinic?", gaps: "no support-group"),
            Question(1, "nearest", "SingleSelect", "Nearest help", choices: "village | In the village\r\njust-a-value"),
            Question(2, "size", "Number", "Household size", min: "10", max: "2"),
            Question(3, "share", "Number", "Share of households", min: "1,5", max: "5 people")));
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Question 1: write the gap rule &#x27;no support-group&#x27; as: answer = gap category", page, StringComparison.Ordinal);
        Assert.Contains("Question 2: write the choice &#x27;just-a-value&#x27; as: value | label", page, StringComparison.Ordinal);
        Assert.Contains("Question 4: the minimum &#x27;1,5&#x27; is not a number", page, StringComparison.Ordinal);
        Assert.Contains("Question 4: the maximum &#x27;5 people&#x27; is not a number", page, StringComparison.Ordinal);
        Assert.Equal(0, await Templates(name));

        var fixedLines = await Ui.PostFormAsync(browser, "/Surveys/Edit", Form(
            new() { ["Name"] = name, ["Version"] = "0" },
            Question(0, "1st_question", "YesNo", "Is there a clinic?", gaps: "no = clinic"),
            Question(1, "size", "Number", "Household size", min: "10", max: "2")));
        var rules = await fixedLines.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, fixedLines.StatusCode);
        Assert.Contains("Question key &#x27;1st_question&#x27; must be", rules, StringComparison.Ordinal);
        Assert.Contains("Question &#x27;size&#x27;: min is greater than max.", rules, StringComparison.Ordinal);
        Assert.Equal(0, await Templates(name));
    }

    [Fact]
    public async Task Adding_a_question_keeps_what_was_typed_and_removing_one_drops_it()
    {
        using var browser = await Ui.SignInAsync(app, "coordinator");

        var response = await Ui.PostFormAsync(browser, "/Surveys/Edit?handler=Add", Form(
            new() { ["Name"] = "Draft", ["Version"] = "0" },
            Question(0, "kept", "YesNo", "Kept question"),
            Question(1, "dropped", "YesNo", "Dropped question"),
            new() { ["Questions[1].Remove"] = "true" }));
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, page.Split("data-testid=\"question\"").Length - 1);
        Assert.Contains("value=\"Kept question\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Dropped question", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_survey_whose_choice_labels_the_form_would_change_is_shown_but_not_published_from_it()
    {
        using var browser = await Ui.SignInAsync(app, "coordinator");
        using var api = await app.ApiAs("coordinator");
        var survey = await (await api.PostJson("/api/v1/surveys", new
        {
            name = $"Piped labels {Guid.NewGuid():N}",
            questions = new[] { new { key = "reach", type = "SingleSelect", label = "Reach", choices = new[] { new { value = "bus", label = "Bus | shared jeep" }, new { value = "walk", label = "On foot" } } } },
        })).Read<JsonElement>(HttpStatusCode.Created);

        var page = await browser.GetStringAsync(new Uri($"/Surveys/Edit/{survey.GetProperty("id").GetGuid()}", UriKind.Relative));

        Assert.Contains("cannot keep as it is", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Publish version 2", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_coordinators_and_admins_open_the_editor()
    {
        using var worker = await Ui.SignInAsync(app, "worker");
        using var manager = await Ui.SignInAsync(app, "manager");

        foreach (var browser in new[] { worker, manager })
        {
            var response = await browser.GetAsync(new Uri("/Surveys/Edit", UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("AccessDenied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
    }
}

[Collection(HostTests.Name)]
public sealed class SqliteSurveyEditorTests(SqliteApp app) : SurveyEditorTests(app);

[Collection(HostTests.Name)]
public sealed class PostgresSurveyEditorTests(PostgresApp app) : SurveyEditorTests(app);

[Collection(HostTests.Name)]
public sealed class SqlServerSurveyEditorTests(SqlServerApp app) : SurveyEditorTests(app);
