using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Outreach.IntegrationTests.Infrastructure;

namespace Outreach.IntegrationTests.Imports;

/// <summary>An upload that is not a well-formed request is a 400 problem, and who may import is decided before the body is read.</summary>
public abstract class ImportUploadRequestTests(IOutreachApp database) : ImportTestSteps(database)
{
    private const string Boundary = "outreach-boundary";

    private static readonly string[] MalformedBodies =
    [
        // Cut off inside the file part: the closing boundary never comes.
        $"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"export.csv\"\r\nContent-Type: text/csv\r\n\r\n_uuid,today,village\r\nabc,2026-11-20,Kotri\r\n",
        // Cut off inside a part's headers.
        $"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filen",
        // A header line longer than any multipart reader takes.
        $"--{Boundary}\r\nContent-Disposition: form-data; name=\"{new string('x', 20_000)}\"\r\n\r\nvalue\r\n--{Boundary}--\r\n",
        // No part at all, only text.
        "this is not a multipart body",
    ];

    private static ByteArrayContent Multipart(string body)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={Boundary}");
        return content;
    }

    private async Task<Guid> SurveyId()
    {
        using var coordinator = await Coordinator();
        var created = await coordinator.PostJson("/api/v1/surveys", new
        {
            name = $"Upload checks {Guid.NewGuid():N}", description = "Malformed uploads",
            questions = new[] { new { key = "household_size", type = "Number", label = "Household size", required = true, min = 1, max = 30 } },
        });
        return (await created.Read<TemplateBody>(HttpStatusCode.Created)).Id;
    }

    private int FilesKept() => Directory.Exists(Options.Folder) ? Directory.GetFiles(Options.Folder).Length : 0;

    [Fact]
    public async Task A_malformed_multipart_body_is_a_400_problem_and_leaves_no_file_behind()
    {
        using var coordinator = await Coordinator();
        var survey = await SurveyId();
        var before = FilesKept();

        foreach (var body in MalformedBodies)
        {
            var response = await coordinator.PostAsync(new Uri($"/api/v1/imports?templateId={survey}", UriKind.Relative), Multipart(body));
            var problem = await response.Problem(HttpStatusCode.BadRequest);
            Assert.True(problem.TryGetProperty("detail", out _) || problem.TryGetProperty("errors", out _), problem.ToString());
        }
        var notAnId = await coordinator.PostAsync(new Uri("/api/v1/imports?templateId=not-an-id", UriKind.Relative), Multipart(MalformedBodies[0]));

        await notAnId.Problem(HttpStatusCode.BadRequest);
        Assert.Equal(before, FilesKept());
    }

    [Fact]
    public async Task A_worker_is_refused_before_the_body_is_read_so_a_malformed_or_oversized_body_is_still_a_403()
    {
        using var worker = await App.ApiAs("worker");
        var survey = await SurveyId();
        var limit = Options.MaxFileMegabytes;
        var before = FilesKept();
        var answers = new List<HttpResponseMessage>();
        try
        {
            Options.MaxFileMegabytes = 1;
            foreach (var body in MalformedBodies)
            {
                answers.Add(await worker.PostAsync(new Uri($"/api/v1/imports?templateId={survey}", UriKind.Relative), Multipart(body)));
            }
            var oversized = $"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.csv\"\r\n\r\n{new string('x', 3 * 1024 * 1024)}\r\n--{Boundary}--\r\n";
            answers.Add(await worker.PostAsync(new Uri($"/api/v1/imports?templateId={survey}", UriKind.Relative), Multipart(oversized)));
        }
        finally
        {
            Options.MaxFileMegabytes = limit;
        }

        foreach (var answer in answers) await answer.Problem(HttpStatusCode.Forbidden);
        Assert.Equal(before, FilesKept());
    }
}

[Collection(HostTests.Name)]
public sealed class SqliteImportUploadRequestTests(SqliteApp App) : ImportUploadRequestTests(App);

[Collection(HostTests.Name)]
public sealed class PostgresImportUploadRequestTests(PostgresApp App) : ImportUploadRequestTests(App);

[Collection(HostTests.Name)]
public sealed class SqlServerImportUploadRequestTests(SqlServerApp App) : ImportUploadRequestTests(App);
