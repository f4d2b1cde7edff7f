using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Outreach.Host.Infrastructure;
using Outreach.Shared;
using Outreach.Surveys.Imports;

namespace Outreach.Host.Api;

public sealed record ImportMappingBody(int Version, IReadOnlyList<ImportColumn> Columns);

public static class ImportEndpoints
{
    public static RouteGroupBuilder MapImportEndpoints(this RouteGroupBuilder api)
    {
        var imports = api.MapGroup("/imports").WithTags("Survey imports");
        imports.MapPost("/", async (HttpRequest request, Guid? templateId, Guid? campaignId, ISender sender, IOptions<ImportOptions> options, CancellationToken ct) =>
        {
            var view = await UploadAsync(request, templateId, campaignId, sender, options.Value, ct);
            return TypedResults.Created($"/api/v1/imports/{view.Id}", view);
        }).RequireAuthorization(new AuthorizeAttribute { Roles = $"{Roles.Coordinator},{Roles.Admin}" })
            .Accepts<IFormFile>("multipart/form-data").Produces<ImportView>(StatusCodes.Status201Created)
            .WithSummary("Coordinators: upload a KoboToolbox or ODK Central CSV export (multipart field 'file'; templateId and optional campaignId as query or form fields). Answers the suggested column mapping; nothing is imported yet. 413 past the size limit, 422 for an empty file.");
        imports.MapGet("/", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new ListMyImports(), ct)))
            .WithSummary("Coordinators: your latest imports.");
        imports.MapGet("/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new GetImport(id), ct)))
            .WithSummary("An import's mapping and progress: rows read, imported, unchanged, conflicts, failed, and the last line committed.");
        imports.MapPut("/{id:guid}/mapping", async (Guid id, ImportMappingBody body, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new SetImportMapping(id, body.Version, body.Columns), ct)))
            .WithSummary("Coordinators: the reviewed mapping; each column feeds a question key, $submission, $village, $date, or nothing (null).");
        imports.MapPost("/{id:guid}/start", async (Guid id, ImportStarter queue, CancellationToken ct) =>
            TypedResults.Accepted($"/api/v1/imports/{id}", await queue.StartAsync(id, ct))).WithSummary("Coordinators: run the import in the background. 400 with the list when required columns are missing; starting twice is harmless.");
        imports.MapPost("/{id:guid}/resume", async (Guid id, ImportStarter queue, CancellationToken ct) =>
            TypedResults.Accepted($"/api/v1/imports/{id}", await queue.ResumeAsync(id, ct))).WithSummary("Coordinators: run a failed import again from where it stopped; rows already imported are not imported twice. 409 unless the import failed, 422 when its uploaded file has been deleted.");
        imports.MapGet("/{id:guid}/errors.csv", (Guid id, HttpResponse response, ISender sender, CancellationToken ct) =>
            ImportErrorsFile.WriteAsync(response, sender, id, ct)).Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .WithSummary("The import's row errors as CSV: line, submission, column, message.");
        return api;
    }

    /// <summary>
    /// Streams the file part of the multipart body straight to the import's file; the form is never buffered. The role was
    /// checked before (route authorization), so a caller who may not import never has their body read. A body that is not
    /// well-formed multipart, wherever it breaks, is a 400.
    /// </summary>
    private static async Task<ImportView> UploadAsync(HttpRequest request, Guid? templateId, Guid? campaignId, ISender sender, ImportOptions options, CancellationToken ct)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = options.MaxFileBytes + 1024 * 1024;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
        {
            throw Invalid("file", "Send the export as multipart/form-data with a 'file' part.");
        }
        var reader = new MultipartReader(boundary, request.Body);
        while (await NextSectionAsync(reader, ct) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)) continue;
            if (disposition.FileName.HasValue || disposition.FileNameStar.HasValue)
            {
                if (templateId is null) throw Invalid("templateId", "Say which survey the export answers (templateId) before the file.");
                var name = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "export.csv";
                return await sender.Send(new UploadImport(templateId.Value, campaignId, name, new MalformedBodyGuard(section.Body)), ct);
            }
            var field = HeaderUtilities.RemoveQuotes(disposition.Name).Value;
            using var text = new StreamReader(new MalformedBodyGuard(section.Body));
            var value = (await text.ReadToEndAsync(ct)).Trim();
            if (field == "templateId") templateId = Guid.TryParse(value, out var t) ? t : throw Invalid("templateId", "templateId is not an id.");
            if (field == "campaignId" && value.Length > 0) campaignId = Guid.TryParse(value, out var c) ? c : throw Invalid("campaignId", "campaignId is not an id.");
        }
        throw Invalid("file", "The request has no file part.");
    }

    private static ValidationProblem Invalid(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>The request body, where a read that finds it is not well-formed multipart becomes a 400 for the field worker.</summary>
    private sealed class MalformedBodyGuard(Stream body) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            try
            {
                return await body.ReadAsync(buffer, cancellationToken);
            }
            catch (Exception e) when (IsMalformed(e))
            {
                throw Malformed();
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override void Flush() => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private static async Task<MultipartSection?> NextSectionAsync(MultipartReader reader, CancellationToken ct)
    {
        try
        {
            return await reader.ReadNextSectionAsync(ct);
        }
        catch (Exception e) when (IsMalformed(e))
        {
            throw Malformed();
        }
    }

    /// <summary>A body cut off, or one whose boundaries or headers break the format; a body past the size limit stays a 413.</summary>
    private static bool IsMalformed(Exception e) => e is InvalidDataException || e is IOException and not BadHttpRequestException;

    private static ValidationProblem Malformed() =>
        Invalid("file", "The upload was cut off or is not a well-formed multipart/form-data body. Send the export again as a 'file' part.");
}
