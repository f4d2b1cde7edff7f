using System.Text;
using Mediator;

namespace Outreach.Surveys.Imports;

/// <summary>
/// An import's row errors as a CSV file (line, submission, column, message) written to <paramref name="Output"/>, read a
/// page at a time. An import the caller may not see is refused before the first byte. Answers the number of rows written.
/// </summary>
public sealed record WriteImportErrors(Guid Id, Stream Output) : IQuery<long>;

internal sealed class WriteImportErrorsHandler(ISender sender) : IQueryHandler<WriteImportErrors, long>
{
    public async ValueTask<long> Handle(WriteImportErrors query, CancellationToken cancellationToken)
    {
        var page = await sender.Send(new ListImportErrors(query.Id), cancellationToken);
        long written = 0;
        await using var writer = new StreamWriter(query.Output, new UTF8Encoding(true), leaveOpen: true);
        await writer.WriteLineAsync("line,submission,column,message");
        while (page.Count > 0)
        {
            foreach (var e in page) await writer.WriteLineAsync($"{e.Line},{CsvText.Cell(e.Submission)},{CsvText.Cell(e.ColumnName)},{CsvText.Cell(e.Message)}");
            written += page.Count;
            page = await sender.Send(new ListImportErrors(query.Id, page[^1].Line, page[^1].Seq), cancellationToken);
        }
        await writer.FlushAsync(cancellationToken);
        return written;
    }
}
