using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Outreach.IntegrationTests.Infrastructure;
using Outreach.IntegrationTests.Surveys;
using Outreach.Surveys.Imports;

namespace Outreach.IntegrationTests.Platform;

/// <summary>
/// Every form of every page, found by reading the pages as their users see them, posted with nothing but its antiforgery
/// token: the answer is the form again (400, or 200 with the message) or a plain refusal, never an error page or a 500.
/// </summary>
public abstract partial class EmptyFormTests(IOutreachApp app)
{
    private sealed record Pages(string Caller, string[] Urls);

    [Fact]
    public async Task Every_page_form_posted_empty_is_answered_without_an_error()
    {
        var ids = await SeedAsync();
        var visits = new[]
        {
            new Pages("coordinator",
            [
                "/", "/People", "/People/New", "/People/Caseload", $"/People/{ids["person"]}", "/Gaps", "/Gaps/New", $"/Gaps/{ids["gap"]}",
                "/Surveys", "/Surveys/Edit", $"/Surveys/Edit/{ids["template"]}", $"/Surveys/{ids["template"]}/Fill", "/Surveys/Campaigns/New",
                $"/Surveys/Campaigns/{ids["campaign"]}", "/Surveys/Conflicts", "/Imports", $"/Imports/{ids["import"]}", "/Coordination/Overdue",
                "/Coordination/BreakGlass", "/Coordination/StaleServices", "/Account/Tokens", "/Regions", "/Villages",
            ]),
            new Pages("admin", ["/Users", "/Regions", "/Account/Tokens"]),
        };
        // Forms that only show in states the seed does not reach (a failed import, a stale service) are listed by hand.
        var extra = new[]
        {
            $"/Imports/{ids["import"]}?handler=Resume", $"/Imports/{ids["import"]}?handler=Start", "/Coordination/StaleServices?handler=Verify",
            $"/People/{ids["person"]}/Casework?handler=SendReferral", $"/People/{ids["person"]}/Casework?handler=CloseFollowUp",
        };

        var findings = new List<string>();
        var posted = 0;
        foreach (var visit in visits)
        {
            using var browser = await Ui.SignInAsync(app, visit.Caller);
            var actions = new SortedSet<string>(StringComparer.Ordinal);
            string? token = null;
            foreach (var url in visit.Urls)
            {
                var html = await browser.GetStringAsync(url);
                token ??= Ui.AntiforgeryTokenIn(html);
                foreach (var action in PostActions(url, html)) actions.Add(action);
            }
            if (visit.Caller == "coordinator") actions.UnionWith(extra);
            // A post naming no handler of a page that has named ones must not fall through to an empty page.
            actions.UnionWith([.. actions.Where(a => a.Contains("?handler=", StringComparison.Ordinal)).Select(a => a.Split('?')[0])]);
            // Signing out and revoking a token take no fields: posted empty they would do their work and end the test's session.
            actions.RemoveWhere(a => a == "/Account/Logout" || a.Contains("handler=Revoke", StringComparison.Ordinal));

            foreach (var action in actions)
            {
                var request = new HttpRequestMessage(HttpMethod.Post, action)
                {
                    Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token! }),
                };
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
                var response = await browser.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                posted++;
                var status = (int)response.StatusCode;
                var location = response.Headers.Location?.OriginalString ?? "";
                if (status >= 500 || body.Contains("Something went wrong", StringComparison.Ordinal) || body.Contains("   at ", StringComparison.Ordinal)
                    || location.Contains("/Error", StringComparison.Ordinal))
                {
                    findings.Add($"{visit.Caller} POST {action}: {status} {location} {Title().Match(body).Groups[1].Value}");
                }
            }
        }
        Assert.True(posted >= 25, $"found only {posted} forms");
        Assert.True(findings.Count == 0, $"{findings.Count} of {posted} empty forms failed on {app.ProviderName()}:\n" + string.Join("\n", findings));
    }

    [Fact]
    public async Task Moving_a_gap_without_a_state_shows_the_form_again_with_the_reason()
    {
        var ids = await SeedAsync();
        using var browser = await Ui.SignInAsync(app, "coordinator");
        var url = $"/Gaps/{ids["gap"]}";
        var token = Ui.AntiforgeryTokenIn(await browser.GetStringAsync(url));
        var response = await browser.PostAsync(url + "?handler=Move", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["version"] = "1",
        }));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("aria-labelledby=\"move-heading\"", html, StringComparison.Ordinal);
        Assert.Contains("Choose the state to move the gap to.", html, StringComparison.Ordinal);
    }

    private static IEnumerable<string> PostActions(string url, string html)
    {
        var page = url.Split('?')[0];
        foreach (Match form in Form().Matches(html))
        {
            var tag = form.Value;
            if (!tag.Contains("method=\"post\"", StringComparison.OrdinalIgnoreCase)) continue;
            var action = Action().Match(tag);
            yield return action.Success ? WebUtility.HtmlDecode(action.Groups[1].Value) : page;
        }
        foreach (Match button in FormAction().Matches(html)) yield return WebUtility.HtmlDecode(button.Groups[1].Value);
    }

    private async Task<Dictionary<string, Guid>> SeedAsync()
    {
        var ids = new Dictionary<string, Guid>();
        using var worker = await app.ApiAs("worker");
        var village = await app.RegionId("Kotri");
        var person = await (await worker.PostJson("/api/v1/people", new
        {
            id = Guid.CreateVersion7(), villageId = village, givenName = "Kamla", familyName = "Bai",
            consentedPurposes = new[] { "CaseWork", "ReferralSharing" }, consentMethod = "Verbal",
        })).Read<JsonElement>(HttpStatusCode.Created);
        ids["person"] = person.GetProperty("id").GetGuid();
        var household = await (await worker.PostJson("/api/v1/households", new { id = Guid.CreateVersion7(), villageId = village, label = "Bai family" }))
            .Read<JsonElement>(HttpStatusCode.Created);
        await (await worker.PutJson($"/api/v1/households/{household.GetProperty("id").GetGuid()}/members/{ids["person"]}", new { relationship = "head" })).Read<JsonElement>();
        await (await worker.PostJson($"/api/v1/people/{ids["person"]}/follow-ups", new
        {
            id = Guid.CreateVersion7(), dueOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2), note = "Ask about the group",
        })).Read<JsonElement>(HttpStatusCode.Created);
        var service = await (await worker.PostJson("/api/v1/services", new
        {
            id = Guid.CreateVersion7(), name = $"Kotri group {Guid.NewGuid():N}", category = "support-group", regionId = await app.RegionId("Sehore"),
            contact = "+91 94250 22222", mode = "both",
        })).Read<JsonElement>(HttpStatusCode.Created);
        await (await worker.PostJson($"/api/v1/people/{ids["person"]}/referrals", new
        {
            id = Guid.CreateVersion7(), serviceId = service.GetProperty("id").GetGuid(), reason = "Wants a group",
        })).Read<JsonElement>(HttpStatusCode.Created);
        ids["gap"] = (await (await worker.PostJson("/api/v1/gaps", new { villageId = await app.FreeVillage("clinic"), category = "clinic" }))
            .Read<JsonElement>(HttpStatusCode.Created)).GetProperty("id").GetGuid();

        using var coordinator = await app.ApiAs("coordinator");
        var template = await coordinator.NewTemplate();
        ids["template"] = template.Id;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        ids["campaign"] = (await (await coordinator.PostJson("/api/v1/campaigns", new
        {
            templateId = template.Id, name = "Kotri round", startsOn = today.AddDays(-1), endsOn = today.AddDays(10), targetPerVillage = 1,
            regionIds = new[] { await app.RegionId("Sehore") },
        })).Read<JsonElement>(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var responseId = Guid.CreateVersion7();
        await (await worker.PostJson("/api/v1/responses", SurveyFixtures.Response(template.Id, village, responseId))).Read<JsonElement>(HttpStatusCode.Created);
        await worker.PostJson("/api/v1/responses", SurveyFixtures.Response(template.Id, village, responseId, households: 12));

        app.Services.GetRequiredService<IOptions<ImportOptions>>().Value.DataFolder = Path.Combine(Path.GetTempPath(), "outreach-import-tests", app.ProviderName());
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("_uuid,today,village,households\ne-1,2026-11-20,Kotri,4\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var uploaded = await coordinator.PostAsync(new Uri($"/api/v1/imports?templateId={template.Id}", UriKind.Relative),
            new MultipartFormDataContent { { file, "file", "export.csv" } });
        ids["import"] = (await uploaded.Read<JsonElement>(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        return ids;
    }

    [GeneratedRegex("<form\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex Form();

    [GeneratedRegex("\\baction=\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex Action();

    [GeneratedRegex("\\bformaction=\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex FormAction();

    [GeneratedRegex("<title>([^<]*)</title>")]
    private static partial Regex Title();
}

[Collection(HostTests.Name)]
public sealed class SqliteEmptyFormTests(SqliteApp app) : EmptyFormTests(app);

[Collection(HostTests.Name)]
public sealed class PostgresEmptyFormTests(PostgresApp app) : EmptyFormTests(app);

[Collection(HostTests.Name)]
public sealed class SqlServerEmptyFormTests(SqlServerApp app) : EmptyFormTests(app);
