using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Outreach.Cases.People;

/// <summary>
/// The canonical form of an offline create (ADR 0018): the fields that define the record, by name, in ordinal order,
/// each as normalized text: trimmed NFC text, lower-case ids, ISO dates, invariant numbers without trailing zeros, sets
/// distinct and sorted. A field with no value (null, blank, an empty set, false) is left out, so a field added later
/// changes no hash of a record that never set it.
/// </summary>
internal sealed class CanonicalHash
{
    private static readonly JsonWriterOptions Writer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly SortedDictionary<string, object> fields = new(StringComparer.Ordinal);

    public CanonicalHash Text(string name, string? value)
    {
        var text = value?.Trim().Normalize(NormalizationForm.FormC);
        if (!string.IsNullOrEmpty(text)) fields[name] = text;
        return this;
    }

    public CanonicalHash Id(string name, Guid? value)
    {
        if (value is { } id && id != Guid.Empty) fields[name] = id.ToString("D");
        return this;
    }

    public CanonicalHash Date(string name, DateOnly? value)
    {
        if (value is { } date) fields[name] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return this;
    }

    public CanonicalHash Number(string name, decimal? value)
    {
        if (value is { } number) fields[name] = (number / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
        return this;
    }

    public CanonicalHash Number(string name, int? value)
    {
        if (value is { } number) fields[name] = number.ToString(CultureInfo.InvariantCulture);
        return this;
    }

    public CanonicalHash Set(string name, IEnumerable<string>? values)
    {
        var set = values?.Select(v => v.Trim().Normalize(NormalizationForm.FormC)).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal).ToArray() ?? [];
        if (set.Length > 0) fields[name] = set;
        return this;
    }

    public CanonicalHash Set<TEnum>(string name, IEnumerable<TEnum>? values) where TEnum : struct, Enum =>
        Set(name, values?.Select(v => v.ToString()));

    public CanonicalHash Name<TEnum>(string name, TEnum value) where TEnum : struct, Enum
    {
        fields[name] = value.ToString();
        return this;
    }

    /// <summary>The canonical JSON itself: one object, keys in ordinal order, every value a string or an array of strings.</summary>
    public string Json()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Writer))
        {
            json.WriteStartObject();
            foreach (var (name, value) in fields)
            {
                if (value is string[] set)
                {
                    json.WriteStartArray(name);
                    foreach (var item in set) json.WriteStringValue(item);
                    json.WriteEndArray();
                }
                else
                {
                    json.WriteString(name, (string)value);
                }
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public string Compute() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Json())));
}
