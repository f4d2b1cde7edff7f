using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Outreach.IntegrationTests.Infrastructure;
using Outreach.IntegrationTests.Organization;
using Outreach.IntegrationTests.Surveys;
using Outreach.Surveys.Imports;

namespace Outreach.IntegrationTests.Platform;

/// <summary>
/// The IDOR matrix for every module's records: each route and page that takes an id, asked by a worker, a coordinator, a
/// manager and an admin who all work in Sehore, about records kept in Vidisha. Every answer must be a 404 (or a 403, or the
/// access-denied page, where the role is refused first) and no body may carry the records' text. A new module adds its
/// records to <see cref="SeedAsync"/> and its rows to the table; nothing else changes.
/// </summary>
public abstract class RecordScopeMatrixTests(IOutreachApp app)
{
    /// <summary>Every text stored in a Vidisha record carries this, so any body that holds it leaked.</summary>
    private const string Secret = "VIDISHA-ONLY";

    private const string Imports = "Imports";

    /// <summary>One route or page with an id; placeholders such as {person} are filled from the seeded records.</summary>
    private sealed record ScopedRoute(string Module, string Method, string Path, Func<Seed, object>? Body = null, bool Page = false)
    {
        public override string ToString() => $"{(Page ? "page " : "")}{Method} {Path}";
    }

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>
    /// Survey templates (<c>/api/v1/surveys/{id}</c>, <c>/Surveys/Edit/{id}</c>, <c>/Surveys/{id}/Fill</c>) belong to the
    /// organisation, not to a region, and hold no personal data, so they are not in the table.
    /// </summary>
    private static readonly ScopedRoute[] Routes =
    [
        new("Cases", "GET", "/api/v1/people/{person}"),
        new("Cases", "PUT", "/api/v1/people/{person}", s => new { givenName = "Leak", version = s.Version["person"] }),
        new("Cases", "POST", "/api/v1/people/{person}/close", s => new { version = s.Version["person"] }),
        new("Cases", "POST", "/api/v1/people/{person}/reopen", s => new { version = s.Version["person"] }),
        new("Cases", "POST", "/api/v1/people/{person}/consents", _ => new { purpose = "CaseWork", granted = false, method = "Verbal" }),
        new("Cases", "POST", "/api/v1/people/{person}/break-glass", _ => new { reason = "Checking what a colleague wrote about this case" }),
        new("Cases", "POST", "/api/v1/people/{person}/merge", s => new { duplicateId = s.Id["duplicate"], version = s.Version["person"], duplicateVersion = s.Version["duplicate"] }),
        new("Cases", "GET", "/api/v1/people/{person}/visits"),
        new("Cases", "POST", "/api/v1/people/{person}/visits", s => new { id = Guid.CreateVersion7(), villageId = s.Id["village"], visitedOn = Today, purpose = "check-in" }),
        new("Cases", "GET", "/api/v1/people/{person}/follow-ups"),
        new("Cases", "POST", "/api/v1/people/{person}/follow-ups", _ => new { id = Guid.CreateVersion7(), dueOn = Today.AddDays(3), note = "Leak" }),
        new("Cases", "POST", "/api/v1/follow-ups/{followUp}/complete", s => new { version = s.Version["followUp"] }),
        new("Cases", "POST", "/api/v1/follow-ups/{followUp}/cancel", s => new { version = s.Version["followUp"] }),
        new("Cases", "GET", "/api/v1/people/{person}/referrals"),
        new("Cases", "POST", "/api/v1/people/{person}/referrals", s => new { id = Guid.CreateVersion7(), serviceId = s.Id["service"], reason = "Leak" }),
        new("Cases", "GET", "/api/v1/referrals/{referral}"),
        new("Cases", "POST", "/api/v1/referrals/{referral}/send", _ => new { }),
        new("Cases", "POST", "/api/v1/referrals/{referral}/attended", _ => new { }),
        new("Cases", "POST", "/api/v1/referrals/{referral}/close", _ => new { }),
        new("Cases", "POST", "/api/v1/referrals/{referral}/withdraw", _ => new { }),
        new("Cases", "GET", "/api/v1/referrals/{referral}/qr.png?code=ABCDEFGH"),
        new("Cases", "GET", "/api/v1/services/{service}"),
        new("Cases", "PUT", "/api/v1/services/{service}", s => new { name = "Leak", category = "helpline", contact = "1800", mode = "virtual", version = s.Version["service"] }),
        new("Cases", "POST", "/api/v1/services/{service}/verify", _ => new { }),
        new("Cases", "GET", "/api/v1/households/{household}"),
        new("Cases", "GET", "/api/v1/households/{household}/members"),
        new("Cases", "PUT", "/api/v1/households/{household}", s => new { label = "Leak", version = s.Version["household"] }),
        new("Cases", "PUT", "/api/v1/households/{household}/members/{duplicate}", _ => new { relationship = "other" }),
        new("Cases", "DELETE", "/api/v1/households/{household}/members/{person}"),
        new("Cases", "GET", "/People/{person}", Page: true),
        new("Cases", "POST", "/People/{person}?handler=Edit", s => new Dictionary<string, string> { ["Edit.GivenName"] = "Leak", ["Edit.Version"] = $"{s.Version["person"]}" }, true),
        new("Cases", "POST", "/People/{person}?handler=Status", s => new Dictionary<string, string> { ["open"] = "false", ["version"] = $"{s.Version["person"]}" }, true),
        new("Cases", "POST", "/People/{person}?handler=Consent", _ => new Dictionary<string, string> { ["purpose"] = "CaseWork", ["granted"] = "false", ["method"] = "Verbal" }, true),
        new("Cases", "POST", "/People/{person}?handler=StartHousehold", _ => new Dictionary<string, string> { ["label"] = "Leak", ["relationship"] = "head" }, true),
        new("Cases", "POST", "/People/{person}?handler=AddMember", s => new Dictionary<string, string>
        {
            ["householdId"] = $"{s.Id["household"]}", ["personId"] = $"{s.Id["duplicate"]}", ["relationship"] = "other",
        }, true),
        new("Cases", "POST", "/People/{person}?handler=RenameHousehold", s => new Dictionary<string, string> { ["householdId"] = $"{s.Id["household"]}", ["label"] = "Leak", ["version"] = $"{s.Version["household"]}" }, true),
        new("Cases", "POST", "/People/{person}?handler=RemoveMember", s => new Dictionary<string, string> { ["householdId"] = $"{s.Id["household"]}", ["personId"] = $"{s.Id["person"]}" }, true),
        new("Cases", "POST", "/People/{person}/Casework?handler=Visit", s => new Dictionary<string, string>
        {
            ["Visit.Id"] = $"{Guid.CreateVersion7()}", ["Visit.VillageId"] = $"{s.Id["village"]}", ["Visit.VisitedOn"] = $"{Today:yyyy-MM-dd}", ["Visit.Purpose"] = "check-in",
        }, true),
        new("Cases", "POST", "/People/{person}/Casework?handler=FollowUp", _ => new Dictionary<string, string>
        {
            ["FollowUp.Id"] = $"{Guid.CreateVersion7()}", ["FollowUp.DueOn"] = $"{Today.AddDays(3):yyyy-MM-dd}", ["FollowUp.Note"] = "Leak",
        }, true),
        new("Cases", "POST", "/People/{person}/Casework?handler=Referral", s => new Dictionary<string, string>
        {
            ["Referral.Id"] = $"{Guid.CreateVersion7()}", ["Referral.ServiceId"] = $"{s.Id["service"]}", ["Referral.Reason"] = "Leak",
        }, true),
        new("Cases", "POST", "/People/{person}/Casework?handler=SendReferral", s => new Dictionary<string, string> { ["referralId"] = $"{s.Id["referral"]}" }, true),
        new("Cases", "POST", "/People/{person}/Casework?handler=CloseFollowUp", s => new Dictionary<string, string>
        {
            ["followUpId"] = $"{s.Id["followUp"]}", ["version"] = $"{s.Version["followUp"]}", ["outcome"] = "cancelled",
        }, true),
        new("Cases", "POST", "/Coordination/StaleServices?handler=Verify", s => new Dictionary<string, string> { ["serviceId"] = $"{s.Id["service"]}" }, true),

        new("Surveys", "GET", "/api/v1/gaps/{gap}"),
        new("Surveys", "POST", "/api/v1/gaps/{gap}/state", s => new { version = s.Version["gap"], state = "verified" }),
        new("Surveys", "POST", "/api/v1/gaps/{gap}/assignment", s => new { version = s.Version["gap"], dueOn = Today.AddDays(30) }),
        new("Surveys", "GET", "/api/v1/campaigns/{campaign}/progress"),
        new("Surveys", "POST", "/api/v1/responses/conflicts/{conflict}/resolve", _ => new { takeSubmitted = true }),
        new("Surveys", "GET", "/Gaps/{gap}", Page: true),
        new("Surveys", "POST", "/Gaps/{gap}?handler=Move", s => new Dictionary<string, string> { ["version"] = $"{s.Version["gap"]}", ["state"] = "verified" }, true),
        new("Surveys", "POST", "/Gaps/{gap}?handler=Assign", s => new Dictionary<string, string> { ["version"] = $"{s.Version["gap"]}", ["dueOn"] = $"{Today.AddDays(30):yyyy-MM-dd}" }, true),
        new("Surveys", "GET", "/Surveys/Campaigns/{campaign}", Page: true),
        new("Surveys", "POST", "/Surveys/Conflicts", s => new Dictionary<string, string> { ["id"] = $"{s.Id["conflict"]}", ["takeLater"] = "true" }, true),

        new(Imports, "GET", "/api/v1/imports/{import}"),
        new(Imports, "PUT", "/api/v1/imports/{import}/mapping", s => new { version = s.Version["import"], columns = Array.Empty<object>() }),
        new(Imports, "POST", "/api/v1/imports/{import}/start", _ => new { }),
        new(Imports, "POST", "/api/v1/imports/{import}/resume", _ => new { }),
        new(Imports, "GET", "/api/v1/imports/{import}/errors.csv"),
        new(Imports, "GET", "/Imports/{import}", Page: true),
        new(Imports, "GET", "/Imports/{import}?handler=Progress", Page: true),
        new(Imports, "GET", "/Imports/{import}?handler=Errors", Page: true),
        new(Imports, "POST", "/Imports/{import}?handler=Mapping", s => new Dictionary<string, string> { ["version"] = $"{s.Version["import"]}" }, true),
        new(Imports, "POST", "/Imports/{import}?handler=Start", _ => new Dictionary<string, string>(), true),
        new(Imports, "POST", "/Imports/{import}?handler=Resume", _ => new Dictionary<string, string>(), true),
    ];

    /// <summary>Ids (and versions) of records kept in Vidisha, by placeholder name.</summary>
    private sealed class Seed
    {
        public Dictionary<string, Guid> Id { get; } = [];
        public Dictionary<string, int> Version { get; } = [];

        public string Fill(string path) => Id.Aggregate(path, (p, kv) => p.Replace("{" + kv.Key + "}", kv.Value.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task No_caller_reads_or_changes_a_case_or_survey_record_outside_their_district() =>
        await AssertNoLeaks(route => route.Module != Imports);

    [Fact]
    public async Task No_caller_reads_or_starts_an_import_outside_their_district() =>
        await AssertNoLeaks(route => route.Module == Imports);

    [Fact]
    public async Task The_matrix_aims_at_real_records_that_their_own_district_can_read()
    {
        var seed = await SeedAsync();
        using var owner = await app.ApiAs("worker.vidisha");
        foreach (var path in new[] { "/api/v1/people/{person}", "/api/v1/referrals/{referral}", "/api/v1/households/{household}", "/api/v1/services/{service}", "/api/v1/gaps/{gap}" })
        {
            var response = await owner.GetAsync(seed.Fill(path));
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
            Assert.Contains(Secret, body, StringComparison.Ordinal);
        }
        using var coordinator = await app.ApiAs("coordinator");
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync(seed.Fill("/api/v1/campaigns/{campaign}/progress"))).StatusCode);
    }

    private async Task AssertNoLeaks(Func<ScopedRoute, bool> which)
    {
        var seed = await SeedAsync();
        var routes = Routes.Where(which).ToList();
        var findings = new List<string>();
        var checkedCount = 0;
        foreach (var (caller, password) in await SehoreCallersAsync())
        {
            using var api = await app.ApiAs(caller, password);
            using var browser = await Ui.SignInAsync(app, caller, password);
            var token = Ui.AntiforgeryTokenIn(await browser.GetStringAsync("/"));
            foreach (var route in routes)
            {
                var response = await SendAsync(route.Page ? browser : api, route, seed, token);
                var body = await response.Content.ReadAsStringAsync();
                var status = (int)response.StatusCode;
                var refused = status is 403 or 404
                    || (route.Page && status == 302 && response.Headers.Location?.OriginalString.Contains("/Account/AccessDenied", StringComparison.Ordinal) == true);
                if (!refused) findings.Add($"{caller} {route}: expected 404 or 403, got {status} {Truncate(body)}");
                if (body.Contains(Secret, StringComparison.Ordinal)) findings.Add($"{caller} {route}: the body holds Vidisha's records");
                checkedCount++;
            }
        }
        Assert.True(findings.Count == 0, $"{findings.Count} of {checkedCount} checks leaked on {app.ProviderName()}:\n" + string.Join("\n", findings));
    }

    private static string Truncate(string body) => body.Length <= 300 ? body : body[..300] + "…";

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, ScopedRoute route, Seed seed, string token)
    {
        var request = new HttpRequestMessage(new HttpMethod(route.Method), seed.Fill(route.Path));
        if (route.Page)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
            if (route.Method == "POST")
            {
                var fields = (Dictionary<string, string>)route.Body!(seed);
                fields["__RequestVerificationToken"] = token;
                request.Content = new FormUrlEncodedContent(fields);
            }
        }
        else if (route.Body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(route.Body(seed), Demo.Json), Encoding.UTF8, "application/json");
        }
        return client.SendAsync(request);
    }

    /// <summary>A worker, a coordinator, a manager and an admin, each assigned to Sehore only.</summary>
    private async Task<List<(string Username, string Password)>> SehoreCallersAsync()
    {
        await SehoreAdmin.EnsureAsync(app);
        var coordinator = await Accounts.CreateAsync(app, "matrix.coordinator", "Coordinator", "Sehore");
        var manager = await Accounts.CreateAsync(app, "matrix.manager", "Manager", "Sehore");
        return
        [
            ("worker", Outreach.Organization.Demo.SeedDemoData.Password),
            (coordinator.Username, Accounts.Password),
            (manager.Username, Accounts.Password),
            (SehoreAdmin.Username, SehoreAdmin.Password),
        ];
    }

    /// <summary>One record of each kind in Vidisha, made by the people who work there.</summary>
    private async Task<Seed> SeedAsync()
    {
        var seed = new Seed();
        using var worker = await app.ApiAs("worker.vidisha");
        var village = await app.RegionId("Pathari");
        seed.Id["village"] = village;

        foreach (var key in new[] { "person", "duplicate" })
        {
            var person = await (await worker.PostJson("/api/v1/people", new
            {
                id = Guid.CreateVersion7(), villageId = village, givenName = $"{Secret} {key}", familyName = "Ahirwar", riskNote = $"{Secret} risk",
                consentedPurposes = new[] { "CaseWork", "ReferralSharing" }, consentMethod = "Verbal",
            })).Read<JsonElement>(HttpStatusCode.Created);
            Remember(seed, key, person);
        }
        var service = await (await worker.PostJson("/api/v1/services", new
        {
            id = Guid.CreateVersion7(), name = $"{Secret} peer group {Guid.NewGuid():N}", category = "support-group",
            regionId = await app.RegionId("Vidisha"), contact = "+91 94250 11111", mode = "both",
        })).Read<JsonElement>(HttpStatusCode.Created);
        Remember(seed, "service", service);
        var person0 = seed.Id["person"];
        Remember(seed, "followUp", await (await worker.PostJson($"/api/v1/people/{person0}/follow-ups", new
        {
            id = Guid.CreateVersion7(), dueOn = Today.AddDays(7), note = $"{Secret} follow-up",
        })).Read<JsonElement>(HttpStatusCode.Created));
        Remember(seed, "referral", await (await worker.PostJson($"/api/v1/people/{person0}/referrals", new
        {
            id = Guid.CreateVersion7(), serviceId = seed.Id["service"], reason = $"{Secret} referral",
        })).Read<JsonElement>(HttpStatusCode.Created));
        await (await worker.PostJson($"/api/v1/people/{person0}/visits", new
        {
            id = Guid.CreateVersion7(), villageId = village, visitedOn = Today, purpose = "check-in", notes = $"{Secret} visit",
        })).Read<JsonElement>(HttpStatusCode.Created);
        var household = await (await worker.PostJson("/api/v1/households", new { id = Guid.CreateVersion7(), villageId = village, label = $"{Secret} household" }))
            .Read<JsonElement>(HttpStatusCode.Created);
        Remember(seed, "household", household);
        await (await worker.PutJson($"/api/v1/households/{seed.Id["household"]}/members/{person0}", new { relationship = "head" })).Read<JsonElement>();
        seed.Version["person"] = (await (await worker.GetAsync($"/api/v1/people/{person0}")).Read<JsonElement>()).GetProperty("version").GetInt32();
        seed.Version["household"] = (await (await worker.GetAsync($"/api/v1/households/{seed.Id["household"]}")).Read<JsonElement>()).GetProperty("version").GetInt32();

        var gapVillage = await app.FreeVillage("transport", "Vidisha");
        Remember(seed, "gap", await (await worker.PostJson("/api/v1/gaps", new { villageId = gapVillage, category = "transport", description = $"{Secret} gap" }))
            .Read<JsonElement>(HttpStatusCode.Created));

        using var coordinator = await app.ApiAs("coordinator");
        var template = await coordinator.NewTemplate($"{Secret} survey");
        var campaign = await (await coordinator.PostJson("/api/v1/campaigns", new
        {
            templateId = template.Id, name = $"{Secret} campaign", startsOn = Today.AddDays(-5), endsOn = Today.AddDays(20), targetPerVillage = 2,
            regionIds = new[] { await app.RegionId("Vidisha") },
        })).Read<JsonElement>(HttpStatusCode.Created);
        Remember(seed, "campaign", campaign);
        var responseId = Guid.CreateVersion7();
        await (await worker.PostJson("/api/v1/responses", SurveyFixtures.Response(template.Id, village, responseId))).Read<JsonElement>(HttpStatusCode.Created);
        var conflicting = await (await worker.PostJson("/api/v1/responses", SurveyFixtures.Response(template.Id, village, responseId, households: 41)))
            .Read<JsonElement>(HttpStatusCode.Conflict);
        seed.Id["conflict"] = conflicting.GetProperty("conflictId").GetGuid();

        var uploader = await Accounts.CreateAsync(app, "matrix.vidisha", "Coordinator", "Vidisha");
        app.Services.GetRequiredService<IOptions<ImportOptions>>().Value.DataFolder = Path.Combine(Path.GetTempPath(), "outreach-import-tests", app.ProviderName());
        using var importer = await app.ApiAs(uploader.Username, Accounts.Password);
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes($"_uuid,today,village,households\nm-1,2026-11-20,Pathari,{Secret}\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var uploaded = await importer.PostAsync(new Uri($"/api/v1/imports?templateId={template.Id}", UriKind.Relative),
            new MultipartFormDataContent { { file, "file", $"{Secret}.csv" } });
        Remember(seed, "import", await uploaded.Read<JsonElement>(HttpStatusCode.Created));
        return seed;
    }

    private static void Remember(Seed seed, string key, JsonElement record)
    {
        seed.Id[key] = record.GetProperty("id").GetGuid();
        if (record.TryGetProperty("version", out var version)) seed.Version[key] = version.GetInt32();
    }
}

[Collection(HostTests.Name)]
public sealed class SqliteRecordScopeMatrixTests(SqliteApp app) : RecordScopeMatrixTests(app);

[Collection(HostTests.Name)]
public sealed class PostgresRecordScopeMatrixTests(PostgresApp app) : RecordScopeMatrixTests(app);

[Collection(HostTests.Name)]
public sealed class SqlServerRecordScopeMatrixTests(SqlServerApp app) : RecordScopeMatrixTests(app);
