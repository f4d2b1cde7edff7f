using Mediator;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Surveys.Imports;

/// <summary>System: imports that were queued or running when the process stopped, to resume at start-up.</summary>
public sealed record ListUnfinishedImports : IQuery<IReadOnlyList<UnfinishedImport>>;

internal sealed class ListUnfinishedImportsHandler(DbSession db, ICurrentUser caller) : IQueryHandler<ListUnfinishedImports, IReadOnlyList<UnfinishedImport>>
{
    private const string Sql = """
        SELECT id AS Id, created_by AS CreatedBy, created_role AS CreatedRole FROM surveys_import WHERE status IN ('queued', 'running') ORDER BY created_at
        """;

    public async ValueTask<IReadOnlyList<UnfinishedImport>> Handle(ListUnfinishedImports query, CancellationToken cancellationToken)
    {
        if (caller.UserId != SystemUser.Id) throw new ForbiddenProblem("Only the system resumes imports.");
        return await db.QueryAsync<UnfinishedImport>(Sql, null, cancellationToken);
    }
}
