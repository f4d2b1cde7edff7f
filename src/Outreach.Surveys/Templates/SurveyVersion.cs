using System.Buffers;
using System.Text;
using System.Text.Json;
using Mediator;
using Outreach.Shared;
using Outreach.Shared.Data;
using Outreach.Surveys.Contracts;

namespace Outreach.Surveys.Templates;

/// <summary>One published version of a survey: the questions a response answers, forever.</summary>
internal sealed record SurveyVersion(Guid TemplateId, string Name, int Number, IReadOnlyList<Question> Questions)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string Sql = """
        SELECT t.name AS Name, v.number AS Number, v.questions AS Questions
        FROM surveys_template_version v JOIN surveys_template t ON t.id = v.template_id
        WHERE v.template_id = @TemplateId AND v.number = COALESCE(@Number, t.latest_version)
        """;

    private sealed record Row
    {
        public required string Name { get; init; }
        public required int Number { get; init; }
        public required string Questions { get; init; }
    }

    /// <summary>The given version of a template, or its latest when <paramref name="number"/> is null; 404 when either is unknown.</summary>
    public static async Task<SurveyVersion> LoadAsync(DbSession db, Guid templateId, int? number, CancellationToken cancellationToken)
    {
        var row = await db.QuerySingleOrDefaultAsync<Row>(Sql, new { TemplateId = templateId, Number = number }, cancellationToken)
            ?? throw new NotFoundProblem(number is null ? "survey" : $"version {number} of survey", templateId);
        return new SurveyVersion(templateId, row.Name, row.Number, JsonSerializer.Deserialize<List<Question>>(row.Questions, Json)!);
    }

    public static string Serialize(IReadOnlyList<Question> questions) => JsonSerializer.Serialize(questions, Json);

    /// <summary>Answers from the app or API, keyed by question key.</summary>
    public AnswerSheet Read(IReadOnlyDictionary<string, JsonElement> answers) =>
        Read(answers.Keys, q => answers.TryGetValue(q.Key, out var a) ? QuestionRules.FromJson(q, a) : (default, null));

    /// <summary>Answers as text, as an export's cells carry them.</summary>
    public AnswerSheet Read(IReadOnlyDictionary<string, string?> answers) =>
        Read(answers.Keys, q => answers.TryGetValue(q.Key, out var a) ? QuestionRules.FromText(q, a) : (default, null));

    private AnswerSheet Read(IEnumerable<string> givenKeys, Func<Question, (Answer Value, string? Error)> answer)
    {
        Dictionary<string, string>? errors = null;
        foreach (var key in givenKeys)
        {
            if (!Keys.Contains(key)) (errors ??= new(StringComparer.Ordinal))[key] = $"'{key}' is not a question of version {Number} of this survey.";
        }
        var answers = new Answer[Questions.Count];
        for (var i = 0; i < Questions.Count; i++)
        {
            var q = Questions[i];
            var (value, error) = answer(q);
            if (error is not null) (errors ??= new(StringComparer.Ordinal))[q.Key] = error;
            else if (value.IsGiven) answers[i] = value;
            else if (q.Required) (errors ??= new(StringComparer.Ordinal))[q.Key] = $"'{q.Key}' ({q.Label}) is required.";
        }
        return errors is null ? new AnswerSheet(Questions, answers, NoErrors, QuestionRules.GapsReported(Questions, answers)) : new AnswerSheet(Questions, answers, errors, []);
    }

    private static readonly IReadOnlyDictionary<string, string> NoErrors = new Dictionary<string, string>();

    // Built on first use and never changed; two threads building it at once build the same set.
    private HashSet<string>? keys;

    private HashSet<string> Keys => keys ??= new HashSet<string>(Questions.Select(q => q.Key), StringComparer.Ordinal);
}

/// <summary>Answers in canonical form (question order, normalized values), what was wrong with them, and the gaps they report.</summary>
internal sealed record AnswerSheet(IReadOnlyList<Question> Questions, Answer[] Answers, IReadOnlyDictionary<string, string> Errors, IReadOnlyList<string> Gaps)
{
    public bool IsValid => Errors.Count == 0;

    /// <summary>The answers as stored: a JSON object of the given answers in question order.</summary>
    public void WriteTo(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        for (var i = 0; i < Answers.Length; i++)
        {
            if (!Answers[i].IsGiven) continue;
            json.WritePropertyName(Questions[i].Key);
            Answers[i].WriteTo(json);
        }
        json.WriteEndObject();
    }

    public string ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer)) WriteTo(json);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
