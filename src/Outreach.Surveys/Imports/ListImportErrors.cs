using Mediator;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Surveys.Imports;

/// <summary>Coordinators: an import's row errors in file order, a page after the given line and sequence number.</summary>
public sealed record ListImportErrors(Guid Id, long AfterLine = 0, int AfterSeq = -1, int Take = 5000) : IQuery<IReadOnlyList<ImportErrorRow>>;

internal sealed class ListImportErrorsHandler(DbSession db, ICurrentUser caller, ISender sender) : IQueryHandler<ListImportErrors, IReadOnlyList<ImportErrorRow>>
{
    private const string Sql = """
        SELECT line AS Line, seq AS Seq, submission AS Submission, column_name AS ColumnName, message AS Message
        FROM surveys_import_error
        WHERE import_id = @Id AND (line > @AfterLine OR (line = @AfterLine AND seq > @AfterSeq))
        ORDER BY line, seq
        {page}
        """;

    public async ValueTask<IReadOnlyList<ImportErrorRow>> Handle(ListImportErrors query, CancellationToken cancellationToken)
    {
        await ImportRecord.RequireInScopeAsync(db, sender, caller, query.Id, cancellationToken);
        return await db.QueryAsync<ImportErrorRow>(Sql, new { query.Id, query.AfterLine, query.AfterSeq, Skip = 0, Take = Math.Clamp(query.Take, 1, 10_000) }, cancellationToken);
    }
}
