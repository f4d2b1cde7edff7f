using Mediator;
using Microsoft.Extensions.Options;
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
