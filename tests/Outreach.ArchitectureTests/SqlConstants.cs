using System.Reflection;
using System.Text.RegularExpressions;

namespace Outreach.ArchitectureTests;

public sealed record SqlConstant(string Name, string Sql);

/// <summary>The SQL a module keeps in <c>const string</c> fields beside its handlers, and the owner-prefixed names it mentions.</summary>
public static partial class SqlConstants
{
    private static readonly Regex PrefixedName = new(
        $@"(?<![\w@$#])(?<!\bAS\s+)(?:{string.Join("|", Architecture.TablePrefixes)})_\w+",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>Every string constant, of any accessibility and in nested types too, that reads like a SQL statement or a piece of one.</summary>
    public static IReadOnlyList<SqlConstant> In(Assembly assembly) =>
        [.. assembly.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(f => f.IsLiteral && f.FieldType == typeof(string))
                .Select(f => new SqlConstant($"{t.FullName}.{f.Name}", (string)f.GetRawConstantValue()!)))
            .Where(c => LooksLikeSql(c.Sql))
            .OrderBy(c => c.Name, StringComparer.Ordinal)];

    public static bool LooksLikeSql(string text) => SqlVerb().IsMatch(text);

    /// <summary>
    /// Identifiers that start with an owner prefix (<c>org_</c>, <c>cases_</c>, ...), wherever they stand, except in string
    /// literals, comments, parameters (<c>@org_id</c>) and after AS. Columns are not prefixed in this code base, so a prefixed
    /// name is a table (or a constraint or index on one).
    /// </summary>
    public static IReadOnlySet<string> Tables(string sql) =>
        PrefixedName.Matches(LiteralsAndComments().Replace(sql, " "))
            .Select(m => m.Value.ToLowerInvariant())
            .ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\b(SELECT|INSERT|UPDATE|DELETE|MERGE)\b")]
    private static partial Regex SqlVerb();

    [GeneratedRegex(@"'(?:[^']|'')*'|--[^\n]*|/\*[\s\S]*?\*/")]
    private static partial Regex LiteralsAndComments();
}
