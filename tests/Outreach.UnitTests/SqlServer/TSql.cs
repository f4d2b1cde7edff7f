using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Outreach.UnitTests.SqlServer;

/// <summary>SQL Server cannot run on these machines, so its SQL is checked by Microsoft's own T-SQL parser.</summary>
internal static class TSql
{
    public static (TSqlScript Script, IList<ParseError> Errors) Parse(string sql)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        var fragment = parser.Parse(reader, out var errors);
        return ((fragment as TSqlScript) ?? new TSqlScript(), errors);
    }

    public static IReadOnlyList<TSqlStatement> Statements(TSqlScript script) => [.. script.Batches.SelectMany(b => b.Statements)];

    public static string Describe(IEnumerable<ParseError> errors) =>
        string.Join("\n", errors.Select(e => $"  line {e.Line}, column {e.Column}: {e.Message}"));
}
