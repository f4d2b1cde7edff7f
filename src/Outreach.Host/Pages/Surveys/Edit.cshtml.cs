using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Outreach.Shared;
using Outreach.Surveys.Contracts;
using Outreach.Surveys.Templates;

namespace Outreach.Host.Pages.Surveys;

/// <summary>
/// A new survey, or the next version of one: its questions as a form, one block per question. Choices and gap rules are
/// typed one per line, so a coordinator needs no JSON. Publishing never changes the responses already collected.
/// </summary>
[Authorize(Roles = $"{Roles.Coordinator},{Roles.Admin}")]
public sealed class EditModel(ISender sender) : PageModel
{
    public sealed class QuestionInput
    {
        public string? Key { get; set; }
        public QuestionType Type { get; set; } = QuestionType.YesNo;
        public string? Label { get; set; }
        public string? LabelHi { get; set; }
        public bool Required { get; set; }

        // Text, read strictly below: a model binder would drop what it cannot parse, or read "1,5" as 15.
        public string? Min { get; set; }
        public string? Max { get; set; }

        /// <summary>One choice per line: <c>value | English label | Hindi label</c> (the Hindi label may be left out).</summary>
        public string? Choices { get; set; }

        /// <summary>One rule per line: <c>answer = gap category</c>, e.g. <c>no = support-group</c>.</summary>
        public string? Gaps { get; set; }

        public bool Remove { get; set; }
    }

    public static readonly IReadOnlyList<(QuestionType Type, string Label)> Types =
    [
        (QuestionType.YesNo, "Yes / no"), (QuestionType.SingleSelect, "One choice"), (QuestionType.MultiSelect, "Several choices"),
        (QuestionType.Scale, "Scale 1–5"), (QuestionType.Number, "Number"), (QuestionType.Text, "Text"), (QuestionType.Date, "Date"),
        (QuestionType.GpsPoint, "GPS point"), (QuestionType.Village, "Village"),
    ];

    [FromRoute] public Guid? Id { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public int Version { get; set; }
    [BindProperty] public List<QuestionInput> Questions { get; set; } = [];
    public int PublishedVersion { get; private set; }
    public IReadOnlyList<string> Problems { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (Id is not { } id)
        {
            Questions = [new QuestionInput()];
            return;
        }
        var template = await sender.Send(new GetTemplate(id), ct);
        (Name, Description, Version, PublishedVersion) = (template.Name, template.Description, template.Version, template.LatestVersion);
        Questions = [.. template.Questions.Select(q => new QuestionInput
        {
            Key = q.Key, Type = q.Type, Label = q.Label, LabelHi = q.LabelHi, Required = q.Required,
            Min = q.Min?.ToString(CultureInfo.InvariantCulture), Max = q.Max?.ToString(CultureInfo.InvariantCulture),
            Choices = q.Choices is null ? null : string.Join('\n', q.Choices.Select(c => c.LabelHi is null ? $"{c.Value} | {c.Label}" : $"{c.Value} | {c.Label} | {c.LabelHi}")),
            Gaps = q.Gaps is null ? null : string.Join('\n', q.Gaps.Select(g => $"{g.Key} = {g.Value}")),
        })];
        if (template.Questions.SelectMany(q => q.Choices ?? []).Any(c => $"{c.Value}{c.Label}{c.LabelHi}".IndexOfAny(['|', '\n', '\r']) >= 0))
        {
            Unwritable = true;
        }
    }

    /// <summary>The survey holds something the form's one-line-per-choice format would change; it is shown, not published from here.</summary>
    public bool Unwritable { get; private set; }

    /// <summary>Adds a blank question (and drops those marked for removal) without publishing anything.</summary>
    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        Questions = [.. Questions.Where(q => !q.Remove), new QuestionInput()];
        ModelState.Clear();
        await LoadPublishedAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var kept = Questions.Where(q => !q.Remove).ToList();
        var problems = ModelState.Where(e => e.Value?.Errors.Count > 0)
            .Select(e => $"'{e.Value!.AttemptedValue}' is not a valid value for {e.Key}.").ToList();
        var questions = kept.Select((q, i) => ToQuestion(q, i + 1, problems)).ToList();
        if (problems.Count == 0)
        {
            try
            {
                var saved = Id is { } id
                    ? await sender.Send(new PublishTemplateVersion(id, Version, questions), ct)
                    : await sender.Send(new CreateTemplate(Name ?? "", Description, questions), ct);
                return Redirect($"/Surveys?saved={saved.Id}");
            }
            catch (ValidationProblem invalid)
            {
                problems.AddRange(invalid.Errors.SelectMany(e => e.Value));
            }
            catch (OutreachProblem problem) when (problem is ConcurrencyProblem or ConflictProblem or NotFoundProblem or UnprocessableProblem)
            {
                problems.Add(problem.Message);
            }
        }
        Problems = problems;
        Questions = kept.Count > 0 ? kept : [new QuestionInput()];
        ModelState.Clear();
        await LoadPublishedAsync(ct);
        return Page();
    }

    private async Task LoadPublishedAsync(CancellationToken ct)
    {
        if (Id is { } id) PublishedVersion = (await sender.Send(new GetTemplate(id), ct)).LatestVersion;
    }

    private static Question ToQuestion(QuestionInput input, int number, List<string> problems)
    {
        var choices = new List<Choice>();
        foreach (var line in Lines(input.Choices))
        {
            var parts = line.Split('|', StringSplitOptions.TrimEntries);
            if (parts.Length is < 2 or > 3 || parts.Any(p => p.Length == 0)) problems.Add($"Question {number}: write the choice '{line}' as: value | label | Hindi label (the Hindi label may be left out).");
            else choices.Add(new Choice { Value = parts[0], Label = parts[1], LabelHi = parts.Length == 3 ? parts[2] : null });
        }
        var gaps = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in Lines(input.Gaps))
        {
            var parts = line.Split('=', StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts.Any(p => p.Length == 0)) problems.Add($"Question {number}: write the gap rule '{line}' as: answer = gap category, e.g. no = support-group.");
            else if (!gaps.TryAdd(parts[0], parts[1])) problems.Add($"Question {number}: the answer '{parts[0]}' has two gap rules.");
        }
        return new Question
        {
            Key = input.Key?.Trim() ?? "", Type = input.Type, Label = input.Label?.Trim() ?? "", LabelHi = Text.OrNull(input.LabelHi),
            Required = input.Required, Min = Limit(input.Min, "minimum", number, problems), Max = Limit(input.Max, "maximum", number, problems),
            Choices = choices.Count > 0 ? choices : null, Gaps = gaps.Count > 0 ? gaps : null,
        };
    }

    private static decimal? Limit(string? text, string which, int number, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (decimal.TryParse(text.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)) return value;
        problems.Add($"Question {number}: the {which} '{text.Trim()}' is not a number (write it with a dot for decimals, e.g. 2.5).");
        return null;
    }

    private static string[] Lines(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
