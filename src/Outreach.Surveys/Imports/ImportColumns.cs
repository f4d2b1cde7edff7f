using System.Globalization;
using System.Text;
using Outreach.Organization.Contracts;
using Outreach.Surveys.Contracts;

namespace Outreach.Surveys.Imports;

/// <summary>One column of an uploaded file and what it feeds: a question key, one of <see cref="ImportTargets"/>, or nothing.</summary>
public sealed record ImportColumn(int Index, string Header, string? Target, string? Note = null);

/// <summary>What a column can feed besides a question.</summary>
public static class ImportTargets
{
    /// <summary>The submission's own id (Kobo <c>_uuid</c>, ODK <c>meta-instanceID</c>): the response id is derived from it.</summary>
    public const string SubmissionId = "$submission";

    /// <summary>The village, by name, local name or id, among the importer's villages.</summary>
    public const string Village = "$village";

    /// <summary>The collection date (<c>today</c>, <c>start</c> or the submission time).</summary>
    public const string CollectedOn = "$date";

    public static readonly string[] All = [SubmissionId, Village, CollectedOn];
}

/// <summary>
/// Reads export headers the way KoboToolbox and ODK Central write them and proposes what each column feeds: a saved
/// mapping for the same header first, then the header's last path segment or its label matched to a question.
/// </summary>
internal static class ImportColumns
{
    private static readonly string[] KoboMeta =
    [
        "_id", "_index", "_submission_time", "_validation_status", "_notes", "_status", "_submitted_by", "__version__", "_version_",
        "_tags", "_parent_index", "_parent_table_name", "_xform_id_string", "_attachments", "_geolocation", "_uuid", "start", "end",
        "today", "deviceid", "username", "phonenumber", "simserial", "subscriberid", "audit", "formhub/uuid", "meta/instanceid",
        "meta/deprecatedid", "meta/rootuuid", "instanceid",
    ];

    private static readonly string[] OdkMeta =
    [
        "submissiondate", "key", "submitterid", "submittername", "attachmentspresent", "attachmentsexpected", "status",
        "reviewstate", "deviceid", "edits", "formversion", "meta-instanceid", "meta-instancename", "instancename", "parent_key",
    ];

    private static readonly string[] SubmissionIdHeaders = ["_uuid", "meta-instanceid", "meta/instanceid", "instanceid"];
    private static readonly string[] DateHeaders = ["today", "start", "_submission_time", "submissiondate"];
    private static readonly string[] GpsParts = ["latitude", "longitude", "altitude", "precision", "accuracy"];

    public static IReadOnlyList<ImportColumn> Suggest(IReadOnlyList<string> headers, IReadOnlyList<Question> questions, IReadOnlyDictionary<string, string?>? saved)
    {
        var columns = new List<ImportColumn>(headers.Count);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var lower = headers.Select(h => h.Trim().ToLowerInvariant()).ToArray();

        // The special columns by preference order, so "today" wins over "start" whichever comes first.
        var special = new Dictionary<int, string>();
        Prefer(SubmissionIdHeaders, ImportTargets.SubmissionId);
        Prefer(DateHeaders, ImportTargets.CollectedOn);
        void Prefer(string[] names, string target)
        {
            var index = names.Select(n => Array.IndexOf(lower, n)).FirstOrDefault(i => i >= 0, -1);
            if (index >= 0) special[index] = target;
        }

        for (var i = 0; i < headers.Count; i++)
        {
            var header = headers[i];
            if (saved is not null && saved.TryGetValue(header, out var remembered) && (remembered is null || IsTarget(remembered, questions)) && (remembered is null || taken.Add(remembered)))
            {
                columns.Add(new ImportColumn(i, header, remembered, remembered is null ? "Ignored, as last time." : "As mapped last time."));
                continue;
            }
            var (target, note) = special.TryGetValue(i, out var s) ? (s, null) : Guess(header, lower[i], questions);
            if (target is { } fed && !taken.Add(fed)) (target, note) = (null, $"Ignored: another column already feeds {Describe(fed)}.");
            columns.Add(new ImportColumn(i, header, target, note));
        }
        // ODK Central writes a GPS point only as -Latitude/-Longitude/... columns: read those two when there is no combined column.
        foreach (var gps in questions.Where(q => q.Type == QuestionType.GpsPoint && !taken.Contains(q.Key)))
        {
            for (var i = 0; i < columns.Count; i++)
            {
                if (columns[i].Target is not null || GpsPart(columns[i].Header, [gps]) is not { } part || part is not ("latitude" or "longitude")) continue;
                var target = $"{gps.Key}.{part}";
                if (taken.Add(target)) columns[i] = columns[i] with { Target = target, Note = $"The {part} of '{gps.Key}'." };
            }
        }
        return columns;
    }

    /// <summary>"latitude", "longitude", ... when the header is one of the split columns of a GPS question (Kobo "_q_latitude", ODK "q-Latitude").</summary>
    private static string? GpsPart(string header, IReadOnlyList<Question> questions)
    {
        foreach (var gps in questions.Where(q => q.Type == QuestionType.GpsPoint))
        {
            foreach (var part in GpsParts)
            {
                var kobo = header.TrimStart('_');
                if (header.StartsWith('_') && kobo.EndsWith("_" + part, StringComparison.OrdinalIgnoreCase) && Same(Segments(kobo[..^(part.Length + 1)])[^1], gps.Key)) return part;
                foreach (var separator in new[] { '-', '/', '.' })
                {
                    if (header.EndsWith(separator + part, StringComparison.OrdinalIgnoreCase) && Same(Segments(header[..^(part.Length + 1)])[^1], gps.Key)) return part;
                }
            }
        }
        return null;
    }

    private static (string? Target, string? Note) Guess(string header, string lower, IReadOnlyList<Question> questions)
    {
        var segments = Segments(header);
        var last = segments[^1];
        if (questions.FirstOrDefault(q => Same(q.Key, last) || Same(q.Key, header) || Same(q.Label, header) || Same(q.Label, last)
            || (q.LabelHi is not null && (Same(q.LabelHi, header) || Same(q.LabelHi, last)))) is { } question)
        {
            return question.Type == QuestionType.Village ? (ImportTargets.Village, null) : (question.Key, null);
        }
        if (Same(last, "village") || Same(last, "village_name") || Same(last, "gaon") || last.Trim() == "गाँव" || last.Trim() == "गांव") return (ImportTargets.Village, null);
        if (KoboMeta.Contains(lower) || OdkMeta.Contains(lower) || lower.StartsWith("meta/", StringComparison.Ordinal) || lower.StartsWith("meta-", StringComparison.Ordinal))
        {
            return (null, "Export metadata; not needed.");
        }
        if (SplitColumnOf(header, questions) is { } note) return (null, note);
        return (null, "Not a question of this survey; ignored.");
    }

    /// <summary>Kobo and ODK repeat a select-multiple as one 0/1 column per option and a GPS point as four numbers; the combined column is read instead.</summary>
    private static string? SplitColumnOf(string header, IReadOnlyList<Question> questions)
    {
        foreach (var separator in new[] { '/', '.', '-' })
        {
            var cut = header.LastIndexOf(separator);
            if (cut <= 0) continue;
            var (owner, part) = (Segments(header[..cut])[^1], header[(cut + 1)..]);
            if (questions.FirstOrDefault(q => q.Type == QuestionType.MultiSelect && (Same(q.Key, owner) || Same(q.Label, owner) || Same(q.LabelHi, owner))) is { } multi
                && multi.Choices!.Any(c => Same(c.Value, part) || Same(c.Label, part) || Same(c.LabelHi, part)))
            {
                return $"One option of '{multi.Key}'; its combined column is read instead.";
            }
        }
        if (GpsPart(header, questions) is not null)
        {
            var owner = questions.First(q => q.Type == QuestionType.GpsPoint && GpsPart(header, [q]) is not null);
            return $"Part of the GPS point '{owner.Key}'; its combined column is read instead.";
        }
        return null;
    }

    /// <summary>What is missing before any row can be read: the three columns every response needs, and every required question.</summary>
    public static IReadOnlyList<string> Missing(IReadOnlyList<ImportColumn> columns, IReadOnlyList<Question> questions)
    {
        var mapped = columns.Where(c => c.Target is not null).Select(c => c.Target!).ToHashSet(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var target in ImportTargets.All.Where(t => !mapped.Contains(t))) missing.Add(Describe(target));
        foreach (var q in questions.Where(q => q.Required && !mapped.Contains(q.Key)))
        {
            if (q.Type == QuestionType.GpsPoint && mapped.Contains($"{q.Key}.latitude") && mapped.Contains($"{q.Key}.longitude")) continue;
            if (q.Type == QuestionType.Village && mapped.Contains(ImportTargets.Village)) continue;
            missing.Add($"'{q.Key}' ({q.Label})");
        }
        return missing;
    }

    /// <summary>Problems with a mapping a person edited: unknown targets, a target fed twice, columns that are not in the file.</summary>
    public static IReadOnlyList<string> ProblemsWith(IReadOnlyList<ImportColumn> columns, IReadOnlyList<string> headers, IReadOnlyList<Question> questions)
    {
        var problems = new List<string>();
        foreach (var c in columns)
        {
            if (c.Index < 0 || c.Index >= headers.Count || headers[c.Index] != c.Header) problems.Add($"Column {c.Index + 1} is not '{c.Header}' in this file.");
            if (c.Target is not null && !IsTarget(c.Target, questions)) problems.Add($"'{c.Target}' is neither a question of this survey nor one of {string.Join(", ", ImportTargets.All)}.");
        }
        foreach (var twice in columns.Where(c => c.Target is not null).GroupBy(c => c.Target!).Where(g => g.Count() > 1))
        {
            problems.Add($"{Describe(twice.Key)} is fed by more than one column ({string.Join(", ", twice.Select(c => $"'{c.Header}'"))}).");
        }
        return problems;
    }

    public static string Describe(string target) => target switch
    {
        ImportTargets.SubmissionId => "the submission id (_uuid or meta-instanceID)",
        ImportTargets.Village => "the village",
        ImportTargets.CollectedOn => "the collection date (today, start or the submission time)",
        _ => $"'{target}'",
    };

    private static bool IsTarget(string target, IReadOnlyList<Question> questions) =>
        ImportTargets.All.Contains(target) || questions.Any(q => q.Type != QuestionType.Village && (q.Key == target
            || q.Type == QuestionType.GpsPoint && (target == $"{q.Key}.latitude" || target == $"{q.Key}.longitude")));

    /// <summary>Kobo writes groups as "group/question", ODK Central as "group-question"; question keys never hold either.</summary>
    private static string[] Segments(string header) =>
        header.Split(['/', '-'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is { Length: > 0 } parts ? parts : [header];

    private static bool Same(string? a, string? b) => a is not null && b is not null && Normal(a) == Normal(b);

    /// <summary>Case-, space- and underscore-insensitive, so "Household Size", "household_size" and "HOUSEHOLD SIZE" meet.</summary>
    public static string Normal(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormC))
        {
            if (c is ' ' or '_' or '\u00a0' or '\t' or '?' or ':') continue;
            builder.Append(char.ToLower(c, CultureInfo.InvariantCulture));
        }
        return builder.ToString();
    }
}

/// <summary>The importer's villages by id, name and local name, the way a village column may name them.</summary>
internal sealed class VillageDirectory
{
    private readonly Dictionary<string, RegionSummary?> byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RegionSummary?> byExactName = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, RegionSummary> byId = [];

    public VillageDirectory(IEnumerable<RegionSummary> villages)
    {
        var names = new List<(string Name, string Key)>();
        foreach (var village in villages.Where(v => v.Level == RegionLevel.Village))
        {
            byId[village.Id] = village;
            foreach (var name in new[] { village.Name, village.LocalName }.Where(n => !string.IsNullOrWhiteSpace(n)))
            {
                var key = ImportColumns.Normal(name!);
                names.Add((name!, key));
                // Two villages with one name cannot be told apart by name: such a cell must give the id.
                byName[key] = byName.TryGetValue(key, out var other) && other?.Id != village.Id ? null : village;
            }
        }
        foreach (var (name, key) in names)
        {
            if (byName[key] is { } unique) byExactName[name] = unique;
        }
    }

    public IEnumerable<RegionSummary> All => byId.Values;

    public (RegionSummary? Village, string? Error) Find(string? text)
    {
        // Exports spell the name the same way row after row: the exact spelling is looked up before it is normalized.
        if (text is not null && byExactName.TryGetValue(text, out var exact)) return (exact, null);
        text = text?.Trim();
        if (string.IsNullOrEmpty(text)) return (null, "No village given.");
        if (Guid.TryParse(text, out var id)) return byId.TryGetValue(id, out var v) ? (v, null) : (null, $"No village with id '{text}' in your regions.");
        if (byName.TryGetValue(ImportColumns.Normal(text), out var named))
        {
            return named is null ? (null, $"More than one village in your regions is called '{text}'; give its id instead.") : (named, null);
        }
        return (null, $"No village called '{text}' in your regions.");
    }
}
