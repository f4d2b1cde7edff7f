using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Shared;
using Outreach.Surveys.Imports;
using Outreach.Surveys.Templates;

namespace Outreach.Host.Pages.Imports;

[Authorize(Roles = $"{Roles.Coordinator},{Roles.Admin}")]
[DisableRequestSizeLimit]
[RequestFormLimits(MultipartBodyLengthLimit = long.MaxValue)]
public sealed class IndexModel(ISender sender) : PageModel
{
    public IReadOnlyList<TemplateSummary> Surveys { get; private set; } = [];
    public IReadOnlyList<ImportSummary> Imports { get; private set; } = [];
    public string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Surveys = await sender.Send(new ListTemplates(), ct);
        Imports = await sender.Send(new ListMyImports(), ct);
    }

    public async Task<IActionResult> OnPostAsync(Guid templateId, IFormFile? file, CancellationToken ct)
    {
        try
        {
            if (file is null) throw new UnprocessableProblem("Choose the CSV file exported from KoboToolbox or ODK Central.");
            await using var content = file.OpenReadStream();
            var import = await sender.Send(new UploadImport(templateId, null, file.FileName, content), ct);
            return RedirectToPage("Detail", new { id = import.Id });
        }
        catch (OutreachProblem problem) when (problem.Status is 400 or 404 or 413 or 422)
        {
            Problem = problem is ValidationProblem invalid ? string.Join(" ", invalid.Errors.SelectMany(e => e.Value)) : problem.Message;
            await OnGetAsync(ct);
            return Page();
        }
    }
}
