using Mediator;
using Microsoft.Extensions.Options;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;
using Outreach.Surveys.Templates;

namespace Outreach.Surveys.Imports;

/// <summary>Coordinators: one of their imports, with its mapping and progress.</summary>
public sealed record GetImport(Guid Id) : IQuery<ImportView>;

internal sealed class GetImportHandler(DbSession db, ICurrentUser caller, ISender sender, IOptions<ImportOptions> options) : IQueryHandler<GetImport, ImportView>
{
    public async ValueTask<ImportView> Handle(GetImport query, CancellationToken cancellationToken)
    {
        var record = await ImportRecord.RequireInScopeAsync(db, sender, caller, query.Id, cancellationToken);
        var version = await SurveyVersion.LoadAsync(db, record.TemplateId, record.TemplateVersion, cancellationToken);
        return record.View(version.Questions) with { CanResume = record.Status == ImportStatuses.Failed && options.Value.KeepsFileOf(record.Id) };
    }
}

public sealed record ImportSummary
{
    public required Guid Id { get; init; }
    public required string FileName { get; init; }
    public required string SurveyName { get; init; }
    public required string Status { get; init; }
    public required long RowsRead { get; init; }
    public required long Failed { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}

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

public sealed record ImportErrorRow
{
    public required long Line { get; init; }
    public required int Seq { get; init; }
    public string? Submission { get; init; }
    public string? ColumnName { get; init; }
    public required string Message { get; init; }
}

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

public sealed record UnfinishedImport(Guid Id, Guid CreatedBy, string CreatedRole);

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
