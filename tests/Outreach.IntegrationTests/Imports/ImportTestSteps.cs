using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Outreach.Host.Infrastructure;
using Outreach.IntegrationTests.Infrastructure;
using Outreach.Surveys.Imports;

namespace Outreach.IntegrationTests.Imports;

/// <summary>What the import tests do as a coordinator and as the import job, shared by every import test class.</summary>
public abstract class ImportTestSteps(IOutreachApp app)
{
    protected IOutreachApp App { get; } = app;

    protected sealed record TemplateBody(Guid Id);

    protected ImportOptions Options => App.Services.GetRequiredService<IOptions<ImportOptions>>().Value;

    /// <summary>An API client for a coordinator, with uploads kept in a folder of this database's own.</summary>
    protected async Task<HttpClient> Coordinator(string username = "coordinator", string? password = null)
    {
        Options.DataFolder = Path.Combine(Path.GetTempPath(), "outreach-import-tests", App.ProviderName());
        return password is null ? await App.ApiAs(username) : await App.ApiAs(username, password);
    }

    protected static Task<HttpResponseMessage> Upload(HttpClient client, Guid templateId, byte[] bytes, string fileName = "export.csv")
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var form = new MultipartFormDataContent { { file, "file", fileName } };
        return client.PostAsync(new Uri($"/api/v1/imports?templateId={templateId}", UriKind.Relative), form);
    }

    protected async Task RunJob(Guid importId)
    {
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<MediatorJobs>().RunImport(importId, null, CancellationToken.None);
    }

    protected static async Task<ImportView> Status(HttpClient client, Guid id) =>
        await (await client.GetAsync(new Uri($"/api/v1/imports/{id}", UriKind.Relative))).Read<ImportView>(HttpStatusCode.OK);

    protected Task<long> Responses(Guid templateId) =>
        App.WithDb(db => db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM surveys_response WHERE template_id = @Id", new { Id = templateId }));
}
