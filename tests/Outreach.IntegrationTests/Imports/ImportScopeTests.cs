using System.Net;
using System.Text;
using Outreach.IntegrationTests.Infrastructure;
using Outreach.Surveys.Imports;

namespace Outreach.IntegrationTests.Imports;

/// <summary>An import belongs to the region it was uploaded in: an admin of another district cannot see, download or start it.</summary>
public abstract class ImportScopeTests(IOutreachApp database) : ImportTestSteps(database)
{
    private const string VidishaAdmin = "admin.vidisha";
    private const string VidishaAdminPassword = "Vidisha-admin-2026";
    private static readonly Guid VidishaAdminId = Guid.Parse("01900000-0000-7000-8000-00000000a002");

    private const string Csv = "_uuid,today,village,household_size\nscope-a,2026-11-20,Kotri,4\nscope-b,2026-11-20,Kotri,x\n";

    private async Task<HttpClient> VidishaAdminClient()
    {
        using var admin = await App.ApiAs("admin");
        var created = await admin.PostJson("/api/v1/users", new
        {
            id = VidishaAdminId, username = VidishaAdmin, displayName = "Vidisha Administrator", role = "Admin",
            password = VidishaAdminPassword, regionIds = new[] { await App.RegionId("Vidisha") },
        });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        return await Coordinator(VidishaAdmin, VidishaAdminPassword);
    }

    private async Task<Guid> NewSurvey()
    {
        using var coordinator = await Coordinator();
        var created = await coordinator.PostJson("/api/v1/surveys", new
        {
            name = $"Household size {Guid.NewGuid():N}", description = "Import scope test",
            questions = new[] { new { key = "household_size", type = "Number", label = "Household size", required = true, min = 1, max = 30 } },
        });
        return (await created.Read<TemplateBody>(HttpStatusCode.Created)).Id;
    }

    private Task<long> Denials(Guid importId) => App.WithDb(db => db.ExecuteScalarAsync<long>(
        "SELECT COUNT(*) FROM shared_audit_log WHERE entity_id = @Id AND outcome = 'denied'", new { Id = importId }));

    [Fact]
    public async Task An_admin_of_Vidisha_can_neither_read_download_map_start_nor_resume_an_import_uploaded_in_Sehore()
    {
        await SehoreAdmin.EnsureAsync(App);
        using var sehoreAdmin = await Coordinator(SehoreAdmin.Username, SehoreAdmin.Password);
        using var vidishaAdmin = await VidishaAdminClient();
        var survey = await NewSurvey();
        var uploaded = await (await Upload(sehoreAdmin, survey, Encoding.UTF8.GetBytes(Csv))).Read<ImportView>(HttpStatusCode.Created);
        var missing = Guid.NewGuid();

        var answers = new List<HttpResponseMessage>
        {
            await vidishaAdmin.GetAsync(new Uri($"/api/v1/imports/{uploaded.Id}", UriKind.Relative)),
            await vidishaAdmin.GetAsync(new Uri($"/api/v1/imports/{uploaded.Id}/errors.csv", UriKind.Relative)),
            await vidishaAdmin.PutJson($"/api/v1/imports/{uploaded.Id}/mapping", new { version = uploaded.Version, columns = uploaded.Columns }),
            await vidishaAdmin.PostAsync(new Uri($"/api/v1/imports/{uploaded.Id}/start", UriKind.Relative), null),
            await vidishaAdmin.PostAsync(new Uri($"/api/v1/imports/{uploaded.Id}/resume", UriKind.Relative), null),
        };
        var notFound = await (await vidishaAdmin.GetAsync(new Uri($"/api/v1/imports/{missing}", UriKind.Relative))).Problem(HttpStatusCode.NotFound);

        foreach (var answer in answers)
        {
            var problem = await answer.Problem(HttpStatusCode.NotFound);
            Assert.Equal(notFound.GetProperty("title").GetString(), problem.GetProperty("title").GetString());
        }
        Assert.Equal(5, await Denials(uploaded.Id));
        var unchanged = await Status(sehoreAdmin, uploaded.Id);
        Assert.Equal((ImportStatuses.Mapping, uploaded.Version), (unchanged.Status, unchanged.Version));
    }

    [Fact]
    public async Task The_import_pages_answer_an_admin_of_another_district_as_for_a_missing_import()
    {
        await SehoreAdmin.EnsureAsync(App);
        using var sehoreAdmin = await Coordinator(SehoreAdmin.Username, SehoreAdmin.Password);
        (await VidishaAdminClient()).Dispose();
        using var vidishaPages = await Ui.SignInAsync(App, VidishaAdmin, VidishaAdminPassword);
        var survey = await NewSurvey();
        var uploaded = await (await Upload(sehoreAdmin, survey, Encoding.UTF8.GetBytes(Csv))).Read<ImportView>(HttpStatusCode.Created);

        var detail = await vidishaPages.GetAsync(new Uri($"/Imports/{uploaded.Id}", UriKind.Relative));
        var errors = await vidishaPages.GetAsync(new Uri($"/Imports/{uploaded.Id}?handler=Errors", UriKind.Relative));
        var missing = await vidishaPages.GetAsync(new Uri($"/Imports/{Guid.NewGuid()}", UriKind.Relative));

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound), (detail.StatusCode, errors.StatusCode, missing.StatusCode));
        Assert.DoesNotContain("line,submission", await errors.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(2, await Denials(uploaded.Id));
    }

    [Fact]
    public async Task The_uploader_and_an_admin_whose_regions_hold_the_import_see_it_and_a_district_admin_does_not()
    {
        await SehoreAdmin.EnsureAsync(App);
        using var sehoreAdmin = await Coordinator(SehoreAdmin.Username, SehoreAdmin.Password);
        using var countryAdmin = await App.ApiAs("admin");
        using var coordinator = await Coordinator();
        var survey = await NewSurvey();
        var uploaded = await (await Upload(coordinator, survey, Encoding.UTF8.GetBytes(Csv))).Read<ImportView>(HttpStatusCode.Created);

        var byCountryAdmin = await Status(countryAdmin, uploaded.Id);
        var errors = await countryAdmin.GetAsync(new Uri($"/api/v1/imports/{uploaded.Id}/errors.csv", UriKind.Relative));
        var bySehoreAdmin = await sehoreAdmin.GetAsync(new Uri($"/api/v1/imports/{uploaded.Id}", UriKind.Relative));

        Assert.Equal(uploaded.Id, byCountryAdmin.Id);
        Assert.Equal(HttpStatusCode.OK, errors.StatusCode);
        // The demo coordinator works in all of Madhya Pradesh; a district's admin does not hold that.
        await bySehoreAdmin.Problem(HttpStatusCode.NotFound);
        Assert.Equal(uploaded.Id, (await Status(coordinator, uploaded.Id)).Id);
    }
}

[Collection(HostTests.Name)]
public sealed class SqliteImportScopeTests(SqliteApp App) : ImportScopeTests(App);

[Collection(HostTests.Name)]
public sealed class PostgresImportScopeTests(PostgresApp App) : ImportScopeTests(App);

[Collection(HostTests.Name)]
public sealed class SqlServerImportScopeTests(SqlServerApp App) : ImportScopeTests(App);
