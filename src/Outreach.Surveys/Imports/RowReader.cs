using Outreach.Organization.Contracts;
using Outreach.Shared;
using Outreach.Surveys.Contracts;
using Outreach.Surveys.Responses;
using Outreach.Surveys.Templates;

namespace Outreach.Surveys.Imports;

/// <summary>Turns one CSV record into a submission and its answers as text, by the import's mapping.</summary>
internal sealed class RowReader
{
    private readonly ImportRecord record;
    private readonly VillageDirectory villages;
    private readonly int idColumn;
    private readonly int villageColumn;
    private readonly int dateColumn;
    private readonly (int Index, string Key)[] questions;
    private readonly string? villageQuestion;
    private readonly (string Key, int Latitude, int Longitude)[] gpsParts;
    private readonly int headerCount;
    private readonly Dictionary<string, string> headerByTarget;

    public RowReader(ImportRecord record, SurveyVersion version, IReadOnlyList<ImportColumn> columns, VillageDirectory villages)
    {
        this.record = record;
        this.villages = villages;
        var mapped = columns.Where(c => c.Target is not null).ToList();
        headerByTarget = mapped.ToDictionary(c => c.Target!, c => c.Header);
        int IndexOf(string target) => mapped.First(c => c.Target == target).Index;
        idColumn = IndexOf(ImportTargets.SubmissionId);
        villageColumn = IndexOf(ImportTargets.Village);
        dateColumn = IndexOf(ImportTargets.CollectedOn);
        questions = [.. mapped.Where(c => !ImportTargets.All.Contains(c.Target) && !c.Target!.Contains('.', StringComparison.Ordinal)).Select(c => (c.Index, c.Target!))];
        gpsParts = [.. version.Questions.Where(q => q.Type == QuestionType.GpsPoint)
            .Select(q => (q.Key, Latitude: mapped.FirstOrDefault(c => c.Target == $"{q.Key}.latitude")?.Index ?? -1, Longitude: mapped.FirstOrDefault(c => c.Target == $"{q.Key}.longitude")?.Index ?? -1))
            .Where(g => g.Latitude >= 0 && g.Longitude >= 0)];
        foreach (var (key, latitude, _) in gpsParts) headerByTarget[key] = columns[latitude].Header;
        villageQuestion = version.Questions.FirstOrDefault(q => q.Type == QuestionType.Village && !headerByTarget.ContainsKey(q.Key))?.Key;
        if (villageQuestion is not null) headerByTarget[villageQuestion] = headerByTarget[ImportTargets.Village];
        headerCount = record.HeaderList.Count;
        var headers = record.HeaderList.Select(h => h.ToLowerInvariant()).ToHashSet();
        Source = headers.Contains("meta-instanceid") || headers.Contains("submissiondate") || headers.Contains("key") ? ResponseSources.Odk : ResponseSources.Kobo;
        Wanted = new bool[headerCount];
        int[] read = [idColumn, villageColumn, dateColumn, .. questions.Select(q => q.Index), .. gpsParts.SelectMany(g => new[] { g.Latitude, g.Longitude })];
        foreach (var index in read.Where(i => i < headerCount)) Wanted[index] = true;
    }

    public string Source { get; }

    /// <summary>The columns this mapping reads; the others need not be decoded.</summary>
    public bool[] Wanted { get; }

    public string? SubmissionOf(IReadOnlyList<string> fields) => idColumn < fields.Count ? Text.OrNull(fields[idColumn]) : null;

    public string? HeaderFor(string errorKey) => errorKey switch
    {
        "id" => headerByTarget[ImportTargets.SubmissionId],
        "villageId" => headerByTarget[ImportTargets.Village],
        "collectedOn" => headerByTarget[ImportTargets.CollectedOn],
        _ when errorKey.StartsWith("answers.", StringComparison.Ordinal) => headerByTarget.GetValueOrDefault(errorKey["answers.".Length..]),
        _ => null,
    };

    public (ResponseSubmission? Submission, RegionSummary? Village, Dictionary<string, string?>? Answers, List<RowError> Errors) Read(IReadOnlyList<string> fields)
    {
        var errors = new List<RowError>();
        var submissionId = SubmissionOf(fields);
        if (fields.Count > headerCount) errors.Add(new RowError(0, submissionId, null, $"The row has {fields.Count} cells but the header has {headerCount}; a quote is probably missing."));
        string Cell(int index) => index < fields.Count ? fields[index] : "";

        var id = submissionId is null ? null : submissionId.StartsWith("uuid:", StringComparison.OrdinalIgnoreCase) ? submissionId[5..].Trim() : submissionId;
        if (string.IsNullOrEmpty(id)) errors.Add(new RowError(0, null, headerByTarget[ImportTargets.SubmissionId], "No submission id: every row needs its _uuid / meta-instanceID."));
        var (village, villageError) = villages.Find(Cell(villageColumn));
        if (villageError is not null) errors.Add(new RowError(0, submissionId, headerByTarget[ImportTargets.Village], villageError));
        var dateText = Cell(dateColumn).Trim();
        if (!QuestionRules.TryDate(dateText, out var collectedOn))
        {
            errors.Add(new RowError(0, submissionId, headerByTarget[ImportTargets.CollectedOn], dateText.Length == 0 ? "No collection date." : $"'{dateText}' is not a date."));
        }
        if (errors.Count > 0) return (null, null, null, errors);

        var answers = new Dictionary<string, string?>(questions.Length + 1, StringComparer.Ordinal);
        foreach (var (index, key) in questions) answers[key] = Cell(index);
        foreach (var (key, latitude, longitude) in gpsParts)
        {
            var (lat, lon) = (Cell(latitude).Trim(), Cell(longitude).Trim());
            answers[key] = lat.Length == 0 && lon.Length == 0 ? null : $"{lat} {lon}";
        }
        if (villageQuestion is not null) answers[villageQuestion] = village!.Id.ToString();
        var submission = new ResponseSubmission
        {
            Id = ImportNextBatchHandler.ResponseId(record.TemplateId, id!),
            TemplateId = record.TemplateId,
            TemplateVersion = record.TemplateVersion,
            CampaignId = record.CampaignId,
            VillageId = village!.Id,
            CollectedOn = collectedOn,
            Answers = Empty,
        };
        return (submission, village, answers, errors);
    }

    private static readonly IReadOnlyDictionary<string, System.Text.Json.JsonElement> Empty = new Dictionary<string, System.Text.Json.JsonElement>();
}
