using System.Net;
using System.Text;
using Outreach.IntegrationTests.Infrastructure;
using Outreach.Shared.Security;
using Outreach.Surveys.Imports;

namespace Outreach.IntegrationTests.Imports;

/// <summary>Kobo and ODK CSV imports through the API and the import job, on each real database.</summary>
public abstract class ImportTests(IOutreachApp database) : ImportTestSteps(database)
{
    private const string SehoreCoordinator = "coordinator.sehore";
    private const string SehoreCoordinatorPassword = "Sehore-coord-2026";
    private static readonly Guid SehoreCoordinatorId = Guid.Parse("01900000-0000-7000-8000-0000000c0001");

    private static readonly object[] Questions =
    [
        new { key = "household_size", type = "Number", label = "Household size", labelHi = "परिवार के सदस्य", required = true, min = 1, max = 30 },
        new { key = "has_counsellor", type = "YesNo", label = "Is there a counsellor nearby?", gaps = new Dictionary<string, string> { ["no"] = "counselling" } },
        new
        {
            key = "services", type = "MultiSelect", label = "Services used",
            choices = new[] { new { value = "clinic", label = "Clinic" }, new { value = "helpline", label = "Helpline" }, new { value = "group", label = "Group" } },
        },
        new
        {
            key = "water_source", type = "SingleSelect", label = "Water source",
            choices = new[] { new { value = "well", label = "Well" }, new { value = "tap", label = "Tap" }, new { value = "river", label = "River" } },
        },
        new { key = "visit_date", type = "Date", label = "Date of visit" },
        new { key = "location", type = "GpsPoint", label = "Location" },
        new { key = "notes", type = "Text", label = "Notes", labelHi = "टिप्पणी" },
    ];

    private static async Task<Guid> NewSurvey(HttpClient coordinator) =>
        (await (await coordinator.PostJson("/api/v1/surveys", new { name = $"Village services {Guid.NewGuid():N}", description = "Import test", questions = Questions }))
            .Read<TemplateBody>(HttpStatusCode.Created)).Id;

    private static byte[] Fixture(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "tests", "fixtures", "imports", name);
            if (File.Exists(path)) return File.ReadAllBytes(path);
        }
        throw new FileNotFoundException(name);
    }

    private async Task<ImportView> UploadAndRun(HttpClient client, Guid templateId, byte[] bytes)
    {
        var uploaded = await (await Upload(client, templateId, bytes)).Read<ImportView>(HttpStatusCode.Created);
        Assert.Empty(uploaded.Missing);
        await (await client.PostAsync(new Uri($"/api/v1/imports/{uploaded.Id}/start", UriKind.Relative), null)).Read<ImportView>(HttpStatusCode.Accepted);
        await RunJob(uploaded.Id);
        return await Status(client, uploaded.Id);
    }

    private Task<long> Conflicts(Guid templateId) =>
        App.WithDb(db => db.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM surveys_sync_conflict c JOIN surveys_response r ON r.id = c.response_id WHERE r.template_id = @Id", new { Id = templateId }));

    /// <summary>The stored answers, re-serialized without escaping so Hindi text reads as written.</summary>
    private Task<string> Answers(Guid templateId) =>
        App.WithDb(async db => string.Join("\n", (await db.QueryAsync<string>("SELECT answers FROM surveys_response WHERE template_id = @Id", new { Id = templateId }))
            .Select(a => System.Text.Json.Nodes.JsonNode.Parse(a)!.ToJsonString(Unescaped))));

    private static readonly System.Text.Json.JsonSerializerOptions Unescaped = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public async Task A_clean_Kobo_export_imports_every_row_and_importing_it_again_changes_nothing()
    {
        using var coordinator = await Coordinator();
        var survey = await NewSurvey(coordinator);

        var first = await UploadAndRun(coordinator, survey, Fixture("kobo-clean.csv"));
        var again = await UploadAndRun(coordinator, survey, Fixture("kobo-clean.csv"));

        Assert.Equal((ImportStatuses.Completed, 5L, 5L, 0L, 0L, 100), (first.Status, first.RowsRead, first.Imported, first.Failed, first.Conflicts, first.Percent));
        Assert.Equal((ImportStatuses.Completed, 0L, 5L, 0L, 0L), (again.Status, again.Imported, again.Unchanged, again.Conflicts, again.Failed));
        Assert.Equal(5, await Responses(survey));
        Assert.Equal(0, await Conflicts(survey));
        var kotri = await App.RegionId("Kotri");
        var sources = await App.WithDb(db => db.QueryAsync<string>("SELECT DISTINCT source FROM surveys_response WHERE template_id = @Id", new { Id = survey }));
        Assert.Equal(["kobo"], sources);
        Assert.True(await App.WithDb(db => db.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM surveys_gap WHERE village_id = @Kotri AND category = 'counselling'", new { Kotri = kotri })) >= 1,
            "Three Kotri rows report no counsellor, so the gap rule proposes one after the import.");
        await Surveys.ResponseTests.GapTallyMatches(App);
    }

    [Fact]
    public async Task Labels_as_headers_with_semicolons_a_BOM_and_Hindi_import_like_xml_names()
    {
        using var coordinator = await Coordinator();
        var survey = await NewSurvey(coordinator);

        var result = await UploadAndRun(coordinator, survey, Fixture("kobo-labels-semicolon-bom.csv"));

        Assert.Equal((3L, 0L), (result.Imported, result.Failed));
        Assert.Equal("notes", result.Columns.Single(c => c.Header == "टिप्पणी").Target);
        var answers = await Answers(survey);
        Assert.Contains("परिवार में छह लोग", answers, StringComparison.Ordinal);
        Assert.Contains("\"household_size\":2", answers, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ODK_Central_export_imports_with_its_group_dashes_and_split_gps_columns()
    {
        using var coordinator = await Coordinator();
        var survey = await NewSurvey(coordinator);

        var result = await UploadAndRun(coordinator, survey, Fixture("odk-central.csv"));

        Assert.Equal((4L, 0L), (result.Imported, result.Failed));
        Assert.Equal(["odk"], await App.WithDb(db => db.QueryAsync<string>("SELECT DISTINCT source FROM surveys_response WHERE template_id = @Id", new { Id = survey })));
        Assert.Contains("\"location\":{\"latitude\":23.3", await Answers(survey), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_messy_export_reports_each_bad_row_by_line_and_keeps_repeats_as_unchanged_or_conflict()
    {
        using var coordinator = await Coordinator();
        var survey = await NewSurvey(coordinator);

        var result = await UploadAndRun(coordinator, survey, Fixture("kobo-messy.csv"));
        var csv = await coordinator.GetStringAsync(new Uri($"/api/v1/imports/{result.Id}/errors.csv", UriKind.Relative));

        var lines = csv.TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal("line,submission,column,message", lines[0]);
        Assert.True(lines.Skip(1).Select(l => l.Split(',')[0]).Distinct().SequenceEqual(["5", "6", "7", "10", "11", "12"]), csv);
        Assert.Equal((11L, 3L, 1L, 1L, 6L), (result.RowsRead, result.Imported, result.Unchanged, result.Conflicts, result.Failed));
        Assert.Equal(1, await Conflicts(survey));
        Assert.Contains("Not a question", result.Columns.Single(c => c.Header == "enumerator_mood").Note, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("5,", StringComparison.Ordinal) && l.Contains("visit_date", StringComparison.Ordinal) && l.Contains("31/02/2026", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("6,", StringComparison.Ordinal) && l.Contains("not a place on Earth", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("7,", StringComparison.Ordinal) && l.Contains("'pond'", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("10,", StringComparison.Ordinal) && l.Contains("No submission id", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("11,", StringComparison.Ordinal) && l.Contains("Atlantis", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("12,", StringComparison.Ordinal) && l.Contains("at most 30", StringComparison.Ordinal));
        var answers = await Answers(survey);
        Assert.Contains("\"household_size\":12", answers, StringComparison.Ordinal);
        Assert.Contains("\"household_size\":4.5", answers, StringComparison.Ordinal);
        Assert.Contains("पहली पंक्ति\\nदूसरी पंक्ति, \\\"quoted\\\"", answers, StringComparison.Ordinal);
        await Surveys.ResponseTests.GapTallyMatches(App);
    }

    /// <summary>The clean export's header and rows, and its last row again under each of <paramref name="ids"/>.</summary>
    private static (string Header, List<string> Rows, List<string> Copies) CleanRows(IEnumerable<string> ids)
    {
        var lines = Encoding.UTF8.GetString(Fixture("kobo-clean.csv")).TrimEnd('\r', '\n').Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var uuid = lines[0].Split(',').ToList().IndexOf("_uuid");
        var copies = ids.Select(id =>
        {
            var cells = lines[^1].Split(',');
            cells[uuid] = id;
            return string.Join(',', cells);
        }).ToList();
        return (lines[0], lines[1..], copies);
    }

    private static byte[] Csv(string header, IEnumerable<string> rows) => Encoding.UTF8.GetBytes(string.Join('\n', [header, .. rows]) + "\n");

    [Fact]
    public async Task Stored_ids_after_the_first_thousand_rows_are_found_and_not_imported_twice()
    {
        using var coordinator = await Coordinator();
        var survey = await NewSurvey(coordinator);
        var (header, stored, bulk) = CleanRows(Enumerable.Range(1, 1100).Select(i => $"bulk-{i}"));

        await UploadAndRun(coordinator, survey, Fixture("kobo-clean.csv"));
        var result = await UploadAndRun(coordinator, survey, Csv(header, [.. bulk, .. stored, bulk[2]]));

        Assert.Equal((ImportStatuses.Completed, 1106L, 1100L, 6L, 0L, 0L), (result.Status, result.RowsRead, result.Imported, result.Unchanged, result.Conflicts, result.Failed));
        Assert.Equal(1105, await Responses(survey));
        await Surveys.ResponseTests.GapTallyMatches(App);
    }

    [Fact]
    public async Task A_later_export_with_old_and_new_rows_adds_only_the_new_ones()
    {
        using var coordinator = await Coordinator();
        var survey = await NewSurvey(coordinator);
        var (header, stored, later) = CleanRows(["later-1", "later-2", "later-3"]);

        await UploadAndRun(coordinator, survey, Fixture("kobo-clean.csv"));
        var second = await UploadAndRun(coordinator, survey, Csv(header, [.. stored, .. later]));

        Assert.Equal((ImportStatuses.Completed, 8L, 3L, 5L, 0L, 0L), (second.Status, second.RowsRead, second.Imported, second.Unchanged, second.Conflicts, second.Failed));
        Assert.Equal(8, await Responses(survey));
        await Surveys.ResponseTests.GapTallyMatches(App);
    }

    [Fact]
    public async Task Missing_required_columns_fail_fast_with_the_list_before_any_row()
    {
        using var coordinator = await Coordinator();
        var survey = await NewSurvey(coordinator);

        var uploaded = await (await Upload(coordinator, survey, Encoding.UTF8.GetBytes("_uuid,village,notes\nabc,Kotri,hello\n"))).Read<ImportView>(HttpStatusCode.Created);
        var problem = await (await coordinator.PostAsync(new Uri($"/api/v1/imports/{uploaded.Id}/start", UriKind.Relative), null)).Problem(HttpStatusCode.BadRequest);

        var listed = problem.GetProperty("errors").GetProperty("columns").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains(listed, m => m.Contains("household_size", StringComparison.Ordinal));
        Assert.Contains(listed, m => m.Contains("collection date", StringComparison.Ordinal));
        Assert.Equal(ImportStatuses.Mapping, (await Status(coordinator, uploaded.Id)).Status);
        Assert.Equal(0, await Responses(survey));
    }

    [Fact]
    public async Task An_import_writes_only_villages_in_the_importers_scope()
    {
        using var admin = await App.ApiAs("admin");
        var created = await admin.PostJson("/api/v1/users", new
        {
            id = SehoreCoordinatorId, username = SehoreCoordinator, displayName = "Sehore Coordinator", role = "Coordinator",
            password = SehoreCoordinatorPassword, regionIds = new[] { await App.RegionId("Sehore") },
        });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        using var coordinator = await Coordinator(SehoreCoordinator, SehoreCoordinatorPassword);
        using var worker = await App.ApiAs("worker");
        var survey = await NewSurvey(coordinator);
        var csv = "_uuid,today,village,household_size\nscope-1,2026-11-20,Kotri,4\nscope-2,2026-11-20,Pathari,5\n";

        var result = await UploadAndRun(coordinator, survey, Encoding.UTF8.GetBytes(csv));
        var errors = await coordinator.GetStringAsync(new Uri($"/api/v1/imports/{result.Id}/errors.csv", UriKind.Relative));

        Assert.Equal((1L, 1L), (result.Imported, result.Failed));
        Assert.Contains("3,scope-2,village,No village called 'Pathari' in your regions.", errors, StringComparison.Ordinal);
        await (await Upload(worker, survey, Encoding.UTF8.GetBytes(csv))).Problem(HttpStatusCode.Forbidden);
        await (await admin.GetAsync(new Uri($"/api/v1/imports/{Guid.NewGuid()}", UriKind.Relative))).Problem(HttpStatusCode.NotFound);
        using var other = await Coordinator();
        await (await other.GetAsync(new Uri($"/api/v1/imports/{result.Id}", UriKind.Relative))).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_killed_import_resumes_from_its_checkpoint_without_losing_or_duplicating_rows()
    {
        using var coordinator = await Coordinator();
        var survey = await NewSurvey(coordinator);
        var coordinatorId = await App.UserId("coordinator");
        var csv = new StringBuilder("_uuid,today,village,household_size,notes\n");
        for (var i = 1; i <= 100; i++) csv.Append(CultureInfoInvariant($"resume-{i},2026-11-2{i % 9},{(i % 2 == 0 ? "Kotri" : "Jawar")},{1 + i % 20},\"row {i}\nsecond line\"\n"));
        var uploaded = await (await Upload(coordinator, survey, Encoding.UTF8.GetBytes(csv.ToString()))).Read<ImportView>(HttpStatusCode.Created);
        await (await coordinator.PostAsync(new Uri($"/api/v1/imports/{uploaded.Id}/start", UriKind.Relative), null)).Read<ImportView>(HttpStatusCode.Accepted);
        var batchSize = Options.BatchSize;
        ImportView halfway;
        try
        {
            Options.BatchSize = 40;
            // The process "dies" after one committed batch: the next batch never commits.
            await App.SendAs(new TestCaller(coordinatorId, "Coordinator"), new ImportNextBatch(uploaded.Id));
            halfway = await Status(coordinator, uploaded.Id);
            var unfinished = await App.SendAs(new SystemUser(), new ListUnfinishedImports());
            Assert.Contains(unfinished, u => u.Id == uploaded.Id);
            await RunJob(uploaded.Id);
        }
        finally
        {
            Options.BatchSize = batchSize;
        }
        var done = await Status(coordinator, uploaded.Id);

        Assert.Equal((ImportStatuses.Running, 40L, 40L, 81L), (halfway.Status, halfway.RowsRead, halfway.Imported, halfway.Line));
        Assert.InRange(halfway.Percent, 30, 50);
        Assert.Equal((ImportStatuses.Completed, 100L, 100L, 0L, 201L), (done.Status, done.RowsRead, done.Imported, done.Failed, done.Line));
        Assert.Equal(100, await Responses(survey));
        foreach (var village in new[] { "Kotri", "Jawar" })
        {
            var id = await App.RegionId(village);
            var stored = await App.WithDb(db => db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM surveys_response WHERE village_id = @Id", new { Id = id }));
            var byMonth = await App.WithDb(db => db.ExecuteScalarAsync<long>("SELECT COALESCE(SUM(responses), 0) FROM surveys_response_tally WHERE village_id = @Id", new { Id = id }));
            var byCampaign = await App.WithDb(db => db.ExecuteScalarAsync<long>("SELECT COALESCE(SUM(responses), 0) FROM surveys_campaign_tally WHERE village_id = @Id", new { Id = id }));
            Assert.Equal((stored, stored), (byMonth, byCampaign));
        }
    }

    [Fact]
    public async Task An_empty_file_a_header_without_rows_and_a_file_past_the_size_limit_are_refused_clearly()
    {
        using var coordinator = await Coordinator();
        var survey = await NewSurvey(coordinator);
        var limit = Options.MaxFileMegabytes;

        var empty = await (await Upload(coordinator, survey, [])).Problem(HttpStatusCode.UnprocessableEntity);
        var headerOnly = await (await Upload(coordinator, survey, Encoding.UTF8.GetBytes("_uuid,today,village\n"))).Problem(HttpStatusCode.UnprocessableEntity);
        System.Text.Json.JsonElement tooLarge;
        try
        {
            Options.MaxFileMegabytes = 1;
            var big = Encoding.UTF8.GetBytes("_uuid,today,village\n" + string.Concat(Enumerable.Repeat("x,2026-11-20,Kotri\n", 70_000)));
            tooLarge = await (await Upload(coordinator, survey, big)).Problem(HttpStatusCode.RequestEntityTooLarge);
        }
        finally
        {
            Options.MaxFileMegabytes = limit;
        }

        Assert.Contains("empty", empty.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("no submissions", headerOnly.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("larger than 1 MB", tooLarge.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_coordinator_on_a_phone_uploads_reviews_starts_and_follows_an_import_in_the_pages()
    {
        using var api = await Coordinator();
        var survey = await NewSurvey(api);
        var uploaded = await (await Upload(api, survey, Fixture("kobo-messy.csv"), "messy.csv")).Read<ImportView>(HttpStatusCode.Created);
        using var browser = await Ui.SignInAsync(App, "coordinator");

        var list = await browser.GetStringAsync(new Uri("/Imports", UriKind.Relative));
        var detail = await browser.GetStringAsync(new Uri($"/Imports/{uploaded.Id}", UriKind.Relative));
        var started = await Ui.PostFormAsync(browser, $"/Imports/{uploaded.Id}?handler=Start", []);
        await RunJob(uploaded.Id);
        var progress = await browser.GetStringAsync(new Uri($"/Imports/{uploaded.Id}?handler=Progress", UriKind.Relative));
        var errors = await browser.GetStringAsync(new Uri($"/Imports/{uploaded.Id}?handler=Errors", UriKind.Relative));

        Assert.Contains("messy.csv", list, StringComparison.Ordinal);
        Assert.Contains("household/household_size", detail, StringComparison.Ordinal);
        Assert.Contains("Start import", detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        Assert.Contains("<strong>completed</strong>", progress, StringComparison.Ordinal);
        Assert.DoesNotContain("hx-trigger", progress, StringComparison.Ordinal);
        Assert.StartsWith("line,submission,column,message", errors.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.DoesNotContain("<html", errors, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_import_endpoints_are_in_the_openapi_document()
    {
        using var anonymous = App.Anonymous();
        using var document = System.Text.Json.JsonDocument.Parse(await anonymous.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        var paths = document.RootElement.GetProperty("paths");

        Assert.True(paths.GetProperty("/api/v1/imports").TryGetProperty("post", out var upload));
        Assert.True(upload.GetProperty("requestBody").GetProperty("content").TryGetProperty("multipart/form-data", out _));
        Assert.True(paths.GetProperty("/api/v1/imports/{id}/mapping").TryGetProperty("put", out _));
        Assert.True(paths.GetProperty("/api/v1/imports/{id}/start").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/api/v1/imports/{id}/resume").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/api/v1/imports/{id}/errors.csv").TryGetProperty("get", out _));
    }

    private static string CultureInfoInvariant(FormattableString text) => FormattableString.Invariant(text);
}

[Collection(HostTests.Name)]
public sealed class SqliteImportTests(SqliteApp App) : ImportTests(App);

[Collection(HostTests.Name)]
public sealed class PostgresImportTests(PostgresApp App) : ImportTests(App);

[Collection(HostTests.Name)]
public sealed class SqlServerImportTests(SqlServerApp App) : ImportTests(App);
