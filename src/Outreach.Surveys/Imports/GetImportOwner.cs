using Mediator;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;

namespace Outreach.Surveys.Imports;

/// <summary>System: who an import runs as (it writes only what its owner may write).</summary>
public sealed record GetImportOwner(Guid Id) : IQuery<UnfinishedImport?>;

internal sealed class GetImportOwnerHandler(DbSession db, ICurrentUser caller) : IQueryHandler<GetImportOwner, UnfinishedImport?>
{
    private const string Sql = "SELECT id AS Id, created_by AS CreatedBy, created_role AS CreatedRole FROM surveys_import WHERE id = @Id";

    public async ValueTask<UnfinishedImport?> Handle(GetImportOwner query, CancellationToken cancellationToken)
    {
        if (caller.UserId != SystemUser.Id) throw new ForbiddenProblem("Only the system runs imports.");
        return await db.QuerySingleOrDefaultAsync<UnfinishedImport>(Sql, new { query.Id }, cancellationToken);
    }
}
