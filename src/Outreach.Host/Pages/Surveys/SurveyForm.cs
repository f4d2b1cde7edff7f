using System.Globalization;
using System.Text.Json;
using Outreach.Surveys.Contracts;

namespace Outreach.Host.Pages.Surveys;

/// <summary>
/// Reads the survey form (fields <c>a.{key}</c>; <c>a.{key}.lat</c> and <c>.lon</c> for GPS) into the answers the intake
/// checks. Values stay text: the intake's rules turn text into canonical answers, so the form and an export agree.
/// </summary>
public static class SurveyForm
{
    public static (Dictionary<string, JsonElement> Answers, decimal? Latitude, decimal? Longitude) Read(IReadOnlyList<Question> questions, IFormCollection form)
    {
        var answers = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        decimal? latitude = null, longitude = null;
        foreach (var q in questions)
        {
            var name = $"a.{q.Key}";
            switch (q.Type)
            {
                case QuestionType.MultiSelect:
                    var chosen = form[name].Where(v => !string.IsNullOrWhiteSpace(v)).ToArray();
                    if (chosen.Length > 0) answers[q.Key] = JsonSerializer.SerializeToElement(chosen);
                    break;
                case QuestionType.GpsPoint:
                    var (lat, lon) = (form[name + ".lat"].ToString().Trim(), form[name + ".lon"].ToString().Trim());
                    if ($"{lat}{lon}".Length == 0) break;
                    answers[q.Key] = JsonSerializer.SerializeToElement($"{lat} {lon}".Trim());
                    // The first located question also places the response on the gap map.
                    if (latitude is null && Number(lat) is { } y && Number(lon) is { } x) (latitude, longitude) = (y, x);
                    break;
                default:
                    var text = form[name].ToString();
                    if (!string.IsNullOrWhiteSpace(text)) answers[q.Key] = JsonSerializer.SerializeToElement(text);
                    break;
            }
        }
        return (answers, latitude, longitude);
    }

    private static decimal? Number(string text) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
}
