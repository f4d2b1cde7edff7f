using System.Reflection;
using System.Text.RegularExpressions;

namespace Outreach.UnitTests.SqlServer;

internal sealed record SqlConstant(string Name, string Sql)
{
    /// <summary>A whole statement, as opposed to a piece (a filter, an EXISTS clause) that statements are composed of.</summary>
    public bool IsStatement => SqlConstants.StatementStart().IsMatch(Sql);
}

/// <summary>
/// Every <c>const string</c> (any accessibility, nested types too) that reads like SQL, in every Outreach assembly beside the
/// tests: module implementations, the shared kernel, and anything else that grows SQL. The architecture tests collect the same way.
/// </summary>
internal static partial class SqlConstants
{
    public static IReadOnlyList<SqlConstant> All { get; } = Collect();

    public static IEnumerable<SqlConstant> Statements => All.Where(c => c.IsStatement);

    public static SqlConstant Named(string name) => All.Single(c => c.Name == name);

    /// <summary>Named "Organization:ListMyVillagesHandler.PageSql" (short enough to show whole in a test name), or by full name where that is ambiguous.</summary>
    private static IReadOnlyList<SqlConstant> Collect()
    {
        var found = Directory.GetFiles(AppContext.BaseDirectory, "Outreach.*.dll")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(name => !name!.EndsWith("Tests", StringComparison.Ordinal))
            .Select(name => Assembly.Load(name!))
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(f => f.IsLiteral && f.FieldType == typeof(string))
                .Select(f => (Type: t, Field: f, Sql: (string)f.GetRawConstantValue()!)))
            .Where(c => SqlVerb().IsMatch(c.Sql))
            .ToList();
        return [.. found
            .GroupBy(c => ShortName(c.Type, c.Field))
            .SelectMany(g => g.Select(c => new SqlConstant(g.Count() == 1 ? g.Key : $"{c.Type.FullName}.{c.Field.Name}", c.Sql)))
            .OrderBy(c => c.Name, StringComparer.Ordinal)];
    }

    private static string ShortName(Type type, FieldInfo field)
    {
        var assembly = type.Assembly.GetName().Name!;
        var typeName = type.Namespace is { Length: > 0 } ns ? type.FullName![(ns.Length + 1)..] : type.FullName!;
        return $"{(assembly.StartsWith("Outreach.", StringComparison.Ordinal) ? assembly["Outreach.".Length..] : assembly)}:{typeName}.{field.Name}";
    }

    [GeneratedRegex(@"\b(SELECT|INSERT|UPDATE|DELETE|MERGE)\b")]
    private static partial Regex SqlVerb();

    [GeneratedRegex(@"^\s*(SELECT|INSERT|UPDATE|DELETE|MERGE|WITH)\b", RegexOptions.IgnoreCase)]
    internal static partial Regex StatementStart();
}
