using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Host.Infrastructure;
using Outreach.Shared;
using Outreach.Surveys.Contracts;
using Outreach.Surveys.Imports;
using Outreach.Surveys.Templates;

namespace Outreach.Host.Pages.Imports;

[Authorize(Roles = $"{Roles.Coordinator},{Roles.Admin}")]
public sealed class DetailModel(ISender sender, ImportStarter queue) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    public ImportView Import { get; private set; } = null!;
    public IReadOnlyList<Question> Questions { get; private set; } = [];
    public string? Problem { get; private set; }

    public bool InProgress => Import.Status is ImportStatuses.Queued or ImportStatuses.Running;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnGetProgressAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Partial("_Progress", this);
    }

    public async Task<IActionResult> OnPostMappingAsync(int version, string?[] targets, CancellationToken ct) =>
        await TryAsync(async () =>
        {
            var current = await sender.Send(new GetImport(Id), ct);
            var columns = current.Columns.Select(c => c with { Target = c.Index < targets.Length && !string.IsNullOrEmpty(targets[c.Index]) ? targets[c.Index] : null }).ToList();
            await sender.Send(new SetImportMapping(Id, version, columns), ct);
        }, ct);

    public async Task<IActionResult> OnPostStartAsync(CancellationToken ct) =>
        await TryAsync(() => queue.StartAsync(Id, ct), ct);

    public async Task<IActionResult> OnPostResumeAsync(CancellationToken ct) =>
        await TryAsync(() => queue.ResumeAsync(Id, ct), ct);

    public async Task<IActionResult> OnGetErrorsAsync(CancellationToken ct)
    {
        await ImportErrorsFile.WriteAsync(Response, sender, Id, ct);
        return new EmptyResult();
    }

    private async Task<IActionResult> TryAsync(Func<Task> action, CancellationToken ct)
    {
        try
        {
            await action();
            return RedirectToPage(new { id = Id });
        }
        catch (OutreachProblem problem) when (problem.Status is 400 or 409 or 412 or 422)
        {
            Problem = problem is ValidationProblem invalid ? string.Join(" ", invalid.Errors.SelectMany(e => e.Value)) : problem.Message;
            await LoadAsync(ct);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Import = await sender.Send(new GetImport(Id), ct);
        Questions = (await sender.Send(new GetTemplate(Import.TemplateId, Import.TemplateVersion), ct)).Questions;
    }
}
