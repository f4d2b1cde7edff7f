using Mediator;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Surveys.Imports;

/// <summary>Coordinators: their latest imports, newest first.</summary>
public sealed record ListMyImports : IQuery<IReadOnlyList<ImportSummary>>;

internal sealed class ListMyImportsHandler(DbSession db, ICurrentUser caller) : IQueryHandler<ListMyImports, IReadOnlyList<ImportSummary>>
{
    private const string Sql = """
        SELECT i.id AS Id, i.file_name AS FileName, t.name AS SurveyName, i.status AS Status, i.rows_read AS RowsRead, i.failed AS Failed, i.created_at AS CreatedAt
        FROM surveys_import i JOIN surveys_template t ON t.id = i.template_id
        WHERE i.created_by = @CallerId
        ORDER BY i.created_at DESC, i.id DESC
        {page}
        """;

    public async ValueTask<IReadOnlyList<ImportSummary>> Handle(ListMyImports query, CancellationToken cancellationToken)
    {
        caller.Require(Roles.Coordinator, Roles.Admin);
        return await db.QueryAsync<ImportSummary>(Sql, new { CallerId = caller.UserId, Skip = 0, Take = 20 }, cancellationToken);
    }
}
