using System.Text.Json.Serialization;

namespace Outreach.Surveys.Contracts;

[JsonConverter(typeof(JsonStringEnumConverter<QuestionType>))]
public enum QuestionType
{
    Text,
    Number,
    Date,
    YesNo,
    SingleSelect,
    MultiSelect,
    Scale,
    GpsPoint,
    Village,
}

/// <summary>A choice of a select question: the stored value and its labels in English and Hindi.</summary>
public sealed record Choice
{
    public required string Value { get; init; }
    public required string Label { get; init; }
    public string? LabelHi { get; init; }
}

/// <summary>
/// One question of a survey version. <see cref="Gaps"/> maps an answer value ("no" for a yes/no question, a choice value
/// for a select) to the service-gap category that answer reports for the village.
/// </summary>
public sealed record Question
{
    public required string Key { get; init; }
    public required QuestionType Type { get; init; }
    public required string Label { get; init; }
    public string? LabelHi { get; init; }
    public bool Required { get; init; }
    public decimal? Min { get; init; }
    public decimal? Max { get; init; }
    public IReadOnlyList<Choice>? Choices { get; init; }
    public IReadOnlyDictionary<string, string>? Gaps { get; init; }
}
