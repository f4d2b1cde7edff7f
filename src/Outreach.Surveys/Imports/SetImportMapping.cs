using System.Text.Json;
using FluentValidation;
using Mediator;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Shared.Security;
using Outreach.Surveys.Templates;

namespace Outreach.Surveys.Imports;

/// <summary>Coordinators: the reviewed mapping — for each column, the question (or id, village, date) it feeds, or null to ignore it.</summary>
public sealed record SetImportMapping(Guid Id, int Version, IReadOnlyList<ImportColumn> Columns) : ICommand<ImportView>;

internal sealed class SetImportMappingValidator : AbstractValidator<SetImportMapping>
{
    public SetImportMappingValidator() => RuleFor(x => x.Columns).NotNull().Must(c => c is { Count: <= 2000 }).WithMessage("Give at most 2000 columns.");
}

internal sealed class SetImportMappingHandler(DbSession db, ICurrentUser caller, ISender sender) : ICommandHandler<SetImportMapping, ImportView>
{
    private const string UpdateSql = """
        UPDATE surveys_import SET mapping = @Mapping, version = version + 1 WHERE id = @Id AND version = @Version AND status = 'mapping'
        """;

    public async ValueTask<ImportView> Handle(SetImportMapping command, CancellationToken cancellationToken)
    {
        var record = await ImportRecord.RequireInScopeAsync(db, sender, caller, command.Id, cancellationToken);
        if (record.Status != ImportStatuses.Mapping) throw new ConflictProblem($"The import is {record.Status}; its mapping can no longer change.");
        var version = await SurveyVersion.LoadAsync(db, record.TemplateId, record.TemplateVersion, cancellationToken);
        var headers = record.HeaderList;
        // Columns left out of the request are ignored, so a client may send only those it maps.
        var given = command.Columns.Where(c => c is not null).ToList();
        var problems = ImportColumns.ProblemsWith(given, headers, version.Questions);
        if (problems.Count > 0) throw new ValidationProblem(new Dictionary<string, string[]> { ["columns"] = [.. problems] });
        var byIndex = given.ToDictionary(c => c.Index);
        var columns = headers.Select((h, i) => byIndex.TryGetValue(i, out var c) ? c with { Note = null } : new ImportColumn(i, h, null, "Ignored.")).ToList();
        var updated = await db.ExecuteAsync(UpdateSql, new { command.Id, command.Version, Mapping = JsonSerializer.Serialize(columns, ImportRecord.Json) }, cancellationToken);
        if (updated == 0) throw new ConcurrencyProblem("import", command.Version);
        return (await ImportRecord.FindAsync(db, command.Id, cancellationToken))!.View(version.Questions);
    }
}
