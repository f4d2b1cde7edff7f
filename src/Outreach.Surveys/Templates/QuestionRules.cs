using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Outreach.Surveys.Contracts;

namespace Outreach.Surveys.Templates;

/// <summary>
/// What makes a set of questions publishable, and how an answer becomes its stored canonical form. Answers arrive as
/// JSON (app, API) or as text (Kobo/ODK exports); both end as the same canonical JSON, so a replay hashes the same.
/// </summary>
internal static partial class QuestionRules
{
    public const int MaxQuestions = 200;

    public static IEnumerable<string> ProblemsWith(IReadOnlyList<Question> questions)
    {
        if (questions.Count == 0) yield return "A survey needs at least one question.";
        if (questions.Count > MaxQuestions) yield return $"A survey holds at most {MaxQuestions} questions.";
        foreach (var key in questions.GroupBy(q => q.Key, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            yield return $"Question key '{key}' is used twice.";
        }
        foreach (var q in questions)
        {
            if (!KeyPattern().IsMatch(q.Key ?? "")) yield return $"Question key '{q.Key}' must be 1–64 letters, digits or underscores, starting with a letter.";
            if (string.IsNullOrWhiteSpace(q.Label) || q.Label.Length > 500) yield return $"Question '{q.Key}' needs a label of at most 500 characters.";
            if (q.LabelHi is { Length: > 500 }) yield return $"Question '{q.Key}': the Hindi label is longer than 500 characters.";
            var isSelect = q.Type is QuestionType.SingleSelect or QuestionType.MultiSelect;
            if (isSelect && (q.Choices is null || q.Choices.Count == 0)) yield return $"Question '{q.Key}' is a select and needs choices.";
            if (!isSelect && q.Choices is { Count: > 0 }) yield return $"Question '{q.Key}' is not a select; remove its choices.";
            if (q.Choices is not null)
            {
                foreach (var choice in q.Choices.Where(c => !KeyPattern().IsMatch(c.Value ?? "") || string.IsNullOrWhiteSpace(c.Label)))
                {
                    yield return $"Question '{q.Key}': choice '{choice.Value}' needs a value of letters, digits or underscores and a label.";
                }
                if (q.Choices.Select(c => c.Value).Distinct(StringComparer.Ordinal).Count() != q.Choices.Count) yield return $"Question '{q.Key}' repeats a choice value.";
            }
            if (q.Min is not null && q.Max is not null && q.Min > q.Max) yield return $"Question '{q.Key}': min is greater than max.";
            if ((q.Min is not null || q.Max is not null) && q.Type is not (QuestionType.Number or QuestionType.Text))
            {
                yield return $"Question '{q.Key}': min and max apply to numbers (value) and text (length) only.";
            }
            foreach (var (value, category) in q.Gaps ?? new Dictionary<string, string>())
            {
                var valid = q.Type switch
                {
                    QuestionType.YesNo => value is "yes" or "no",
                    QuestionType.SingleSelect or QuestionType.MultiSelect => q.Choices?.Any(c => c.Value == value) == true,
                    _ => false,
                };
                if (!valid) yield return $"Question '{q.Key}': gap answer '{value}' is not an answer this question can have.";
                if (!GapCategoryPattern().IsMatch(category ?? "")) yield return $"Question '{q.Key}': gap category '{category}' must be lowercase words joined by hyphens.";
            }
        }
    }

    /// <summary>The canonical answer for a JSON value, or an error message for the person who gave it.</summary>
    public static (Answer Value, string? Error) FromJson(Question q, JsonElement answer) => answer.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => (default, null),
        JsonValueKind.String => FromText(q, answer.GetString()),
        JsonValueKind.True or JsonValueKind.False when q.Type == QuestionType.YesNo => (Answer.YesNo(answer.GetBoolean()), null),
        JsonValueKind.Number when q.Type is QuestionType.Number or QuestionType.Scale => FromText(q, answer.GetRawText()),
        JsonValueKind.Array when q.Type == QuestionType.MultiSelect => Choices(q, answer.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() ?? "" : e.GetRawText())),
        JsonValueKind.Object when q.Type == QuestionType.GpsPoint => Gps(q,
            answer.TryGetProperty("latitude", out var lat) ? lat.GetRawText() : null,
            answer.TryGetProperty("longitude", out var lon) ? lon.GetRawText() : null),
        _ => (default, $"'{q.Key}' expects {Expected(q)}."),
    };

    /// <summary>The canonical answer for text as exports carry it ("yes", "a b c" for multi-selects, "lat lon alt acc").</summary>
    public static (Answer Value, string? Error) FromText(Question q, string? text)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text)) return (default, null);
        switch (q.Type)
        {
            case QuestionType.Text:
                if (q.Max is { } maxLength && text.Length > maxLength) return (default, $"'{q.Key}' is longer than {maxLength} characters.");
                if (q.Min is { } minLength && text.Length < minLength) return (default, $"'{q.Key}' is shorter than {minLength} characters.");
                return text.Length > 4000 ? (default, $"'{q.Key}' is longer than 4000 characters.") : (Answer.Text(text), null);
            case QuestionType.Number:
                if (!TryNumber(text, out var number)) return (default, $"'{q.Key}': '{Clip(text)}' is not a number.");
                if (q.Min is { } min && number < min) return (default, $"'{q.Key}' must be at least {min}.");
                if (q.Max is { } max && number > max) return (default, $"'{q.Key}' must be at most {max}.");
                return (Answer.Number(number), null);
            case QuestionType.Scale:
                return TryNumber(text, out var scale) && scale is >= 1 and <= 5 && scale == decimal.Truncate(scale)
                    ? (Answer.Number((int)scale), null)
                    : (default, $"'{q.Key}' is a scale from 1 to 5; '{Clip(text)}' is not.");
            case QuestionType.Date:
                return TryDate(text, out var date)
                    ? (Answer.Text(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), null)
                    : (default, $"'{q.Key}': '{Clip(text)}' is not a date (use yyyy-mm-dd).");
            case QuestionType.YesNo:
                return text.ToUpperInvariant() switch
                {
                    "YES" or "Y" or "TRUE" or "1" or "हाँ" or "हां" => (Answer.YesNo(true), null),
                    "NO" or "N" or "FALSE" or "0" or "नहीं" => (Answer.YesNo(false), null),
                    _ => (default, $"'{q.Key}' expects yes or no, not '{Clip(text)}'."),
                };
            case QuestionType.SingleSelect:
                return q.Choices!.FirstOrDefault(c => c.Value == text) is { } choice
                    ? (Answer.Text(choice.Value), null)
                    : (default, $"'{q.Key}': '{Clip(text)}' is not one of its choices ({string.Join(", ", q.Choices!.Select(c => c.Value))}).");
            case QuestionType.MultiSelect:
                return Choices(q, text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            case QuestionType.GpsPoint:
                var parts = text.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
                return parts.Length >= 2 ? Gps(q, parts[0], parts[1]) : (default, $"'{q.Key}': '{Clip(text)}' is not a GPS point (\"latitude longitude\").");
            case QuestionType.Village:
                return Guid.TryParse(text, out var village) ? (Answer.Text(village.ToString()), null) : (default, $"'{q.Key}': '{Clip(text)}' is not a village id.");
            default:
                return (default, $"'{q.Key}' has an unknown type.");
        }
    }

    /// <summary>The gap categories the answers report: a yes/no or select answer listed in its question's gap map.</summary>
    public static IReadOnlyList<string> GapsReported(IReadOnlyList<Question> questions, Answer[] answers)
    {
        List<string>? categories = null;
        for (var i = 0; i < questions.Count; i++)
        {
            if (questions[i].Gaps is not { Count: > 0 } gaps || !answers[i].IsGiven) continue;
            foreach (var value in answers[i].GapKeys)
            {
                if (gaps.TryGetValue(value, out var category) && !(categories ??= []).Contains(category)) categories.Add(category);
            }
        }
        if (categories is null) return [];
        categories.Sort(StringComparer.Ordinal);
        return categories;
    }

    private static (Answer, string?) Choices(Question q, IEnumerable<string> values)
    {
        var given = values.Distinct(StringComparer.Ordinal).ToList();
        var unknown = given.Where(v => q.Choices!.All(c => c.Value != v)).ToList();
        if (unknown.Count > 0) return (default, $"'{q.Key}': {string.Join(", ", unknown.Select(u => $"'{Clip(u)}'"))} not among its choices.");
        // Stored in the template's choice order, so the same selection always hashes the same.
        var ordered = q.Choices!.Where(c => given.Contains(c.Value)).Select(c => c.Value).ToArray();
        return ordered.Length == 0 ? (default, null) : (Answer.Choices(ordered), null);
    }

    private static (Answer, string?) Gps(Question q, string? latitudeText, string? longitudeText)
    {
        if (!TryNumber(latitudeText ?? "", out var latitude) || !TryNumber(longitudeText ?? "", out var longitude))
        {
            return (default, $"'{q.Key}' needs a latitude and a longitude.");
        }
        if (latitude is < -90 or > 90 || longitude is < -180 or > 180) return (default, $"'{q.Key}': {latitude}, {longitude} is not a place on Earth.");
        if (latitude == 0 && longitude == 0) return (default, $"'{q.Key}': 0, 0 means the GPS fix failed; leave it empty instead.");
        return (Answer.Gps(Math.Round(latitude, 6), Math.Round(longitude, 6)), null);
    }

    /// <summary>Numbers as people and spreadsheets write them: "1,234.5", "12 345", a decimal comma, or "1.2E+3".</summary>
    public static bool TryNumber(string text, out decimal value)
    {
        var cleaned = text.Replace(" ", "", StringComparison.Ordinal).Replace("\u00a0", "", StringComparison.Ordinal);
        // "12,5" with no dot and not a group of three digits after the comma: a decimal comma, not 125.
        var comma = cleaned.IndexOf(',', StringComparison.Ordinal);
        if (comma >= 0 && !cleaned.Contains('.', StringComparison.Ordinal) && cleaned.Count(c => c == ',') == 1 && cleaned.Length - comma - 1 != 3)
        {
            return decimal.TryParse(cleaned.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
        return decimal.TryParse(cleaned, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>ISO dates, ISO timestamps (Kobo, ODK), and day-first dates as Indian spreadsheets write them.</summary>
    public static bool TryDate(string text, out DateOnly date)
    {
        if (DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date)) return true;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var stamp) && text.Contains('T', StringComparison.Ordinal))
        {
            date = DateOnly.FromDateTime(stamp.DateTime);
            return true;
        }
        return false;
    }

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy", "dd-MM-yyyy", "d-M-yyyy", "dd.MM.yyyy"];

    private static string Expected(Question q) => q.Type switch
    {
        QuestionType.YesNo => "true/false or \"yes\"/\"no\"",
        QuestionType.Number or QuestionType.Scale => "a number",
        QuestionType.MultiSelect => "an array of choice values",
        QuestionType.GpsPoint => "an object with latitude and longitude",
        _ => "a string",
    };

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,63}$")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("^[a-z]+(-[a-z]+)*$")]
    private static partial Regex GapCategoryPattern();
}
