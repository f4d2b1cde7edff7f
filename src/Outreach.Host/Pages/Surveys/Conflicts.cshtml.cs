using System.Text.Json;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Organization.Regions;
using Outreach.Shared;
using Outreach.Surveys.Contracts;
using Outreach.Surveys.Responses;
using Outreach.Surveys.Templates;

namespace Outreach.Host.Pages.Surveys;

[Authorize(Roles = Roles.Coordinator)]
public sealed class ConflictsModel(ISender sender) : PageModel
{
    public sealed record Row(string Label, string Stored, string Later)
    {
        public bool Differs => Stored != Later;
    }

    public sealed record Item(SyncConflict Conflict, string Survey, string Village, string LaterCollectedOn, IReadOnlyList<Row> Rows);

    public IReadOnlyList<Item> Items { get; private set; } = [];
    [TempData] public string? Notice { get; set; }
    public string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var villages = await SurveyText.VillagesAsync(sender, ct);
        var items = new List<Item>();
        foreach (var conflict in await sender.Send(new ListSyncConflicts(), ct))
        {
            using var stored = JsonDocument.Parse(conflict.Stored);
            using var later = JsonDocument.Parse(conflict.Submitted);
            var survey = await sender.Send(new GetTemplate(later.RootElement.GetProperty("templateId").GetGuid(), later.RootElement.GetProperty("templateVersion").GetInt32()), ct);
            var laterAnswers = later.RootElement.GetProperty("answers");
            var rows = new List<Row>();
            foreach (var q in survey.Questions)
            {
                rows.Add(new Row(q.Label, Text(q, stored.RootElement, villages), Text(q, laterAnswers, villages)));
            }
            items.Add(new Item(conflict, survey.Name, SurveyText.VillageName(villages, conflict.VillageId),
                later.RootElement.TryGetProperty("collectedOn", out var on) ? on.GetString() ?? "" : "", rows));
        }
        Items = items;
    }

    public async Task<IActionResult> OnPostAsync(Guid id, bool takeLater, CancellationToken ct)
    {
        try
        {
            await sender.Send(new ResolveSyncConflict(id, takeLater), ct);
            Notice = takeLater ? "The later version replaced the stored response." : "The stored response was kept; the later version was set aside.";
            return Redirect("/Surveys/Conflicts");
        }
        catch (OutreachProblem problem) when (problem is ConflictProblem or UnprocessableProblem or NotFoundProblem)
        {
            Problem = problem.Message;
        }
        await OnGetAsync(ct);
        return Page();
    }

    private static string Text(Question q, JsonElement answers, IReadOnlyDictionary<Guid, VillageListItem> villages) =>
        answers.ValueKind == JsonValueKind.Object && answers.TryGetProperty(q.Key, out var value) ? SurveyText.Answer(q, value, villages) : "—";
}
