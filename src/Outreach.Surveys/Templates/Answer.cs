using System.Text.Json;

namespace Outreach.Surveys.Templates;

/// <summary>
/// One checked answer in canonical form. Imports read millions of them, so it is a plain value written straight to JSON
/// rather than a node in a JSON tree; the written form is what stored hashes are of and must not change.
/// </summary>
internal readonly struct Answer
{
    private enum Kind : byte { None, Text, Number, YesNo, Choices, Gps }

    private readonly Kind kind;
    private readonly string? text;
    private readonly string[]? choices;
    private readonly decimal number;
    private readonly decimal longitude;

    private Answer(Kind kind, string? text = null, string[]? choices = null, decimal number = 0, decimal longitude = 0)
    {
        this.kind = kind;
        this.text = text;
        this.choices = choices;
        this.number = number;
        this.longitude = longitude;
    }

    public static Answer Text(string text) => new(Kind.Text, text);

    public static Answer Number(decimal number) => new(Kind.Number, number: number);

    public static Answer YesNo(bool yes) => new(Kind.YesNo, number: yes ? 1 : 0);

    /// <summary>Choice values in the template's order, so the same selection always writes the same.</summary>
    public static Answer Choices(string[] values) => new(Kind.Choices, choices: values);

    public static Answer Gps(decimal latitude, decimal longitude) => new(Kind.Gps, number: latitude, longitude: longitude);

    public bool IsGiven => kind != Kind.None;

    /// <summary>The values a gap map is keyed by: "yes"/"no", or the chosen choice values.</summary>
    public IEnumerable<string> GapKeys => kind switch
    {
        Kind.YesNo => [number == 1 ? "yes" : "no"],
        Kind.Text => [text!],
        Kind.Choices => choices!,
        _ => [],
    };

    public void WriteTo(Utf8JsonWriter json)
    {
        switch (kind)
        {
            case Kind.Text:
                json.WriteStringValue(text);
                break;
            case Kind.Number:
                json.WriteNumberValue(number);
                break;
            case Kind.YesNo:
                json.WriteBooleanValue(number == 1);
                break;
            case Kind.Choices:
                json.WriteStartArray();
                foreach (var choice in choices!) json.WriteStringValue(choice);
                json.WriteEndArray();
                break;
            case Kind.Gps:
                json.WriteStartObject();
                json.WriteNumber("latitude", number);
                json.WriteNumber("longitude", longitude);
                json.WriteEndObject();
                break;
            default:
                throw new InvalidOperationException("An answer not given has no JSON form.");
        }
    }
}
