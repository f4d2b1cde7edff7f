using Mediator;
using Outreach.Surveys.Imports;

namespace Outreach.Host.Infrastructure;

/// <summary>An import's row errors as a CSV download, for the API and the page alike.</summary>
public static class ImportErrorsFile
{
    /// <summary>The headers are set first; an import the caller may not see is refused before any byte is sent, so the problem replaces them.</summary>
    public static async Task WriteAsync(HttpResponse response, ISender sender, Guid importId, CancellationToken cancellationToken)
    {
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"import-{importId:N}-errors.csv\"";
        await sender.Send(new WriteImportErrors(importId, response.Body), cancellationToken);
    }
}
