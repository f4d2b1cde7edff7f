using System.Text.RegularExpressions;
using Outreach.Shared.Data;

namespace Outreach.UnitTests.SqlServer;

public sealed partial class SqlServerStatementTests
{
    /// <summary>Dapper turns <c>IN @Ids</c> into <c>IN (@Ids1, @Ids2)</c> before the server sees it; do the same before parsing.</summary>
    private static string ExpandLists(string sql) => ListParameter().Replace(sql, m => $"IN ({m.Groups[1].Value}1, {m.Groups[1].Value}2)");

    [GeneratedRegex(@"IN\s+(@\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex ListParameter();

    public static TheoryData<string> StatementNames => new(SqlConstants.Statements.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(StatementNames))]
    public void A_SQL_statement_beside_a_handler_parses_as_TSql_once_rendered_for_SQL_Server(string name)
    {
        var sql = ExpandLists(SqlDialect.SqlServer.Render(SqlConstants.Named(name).Sql));

        var (script, errors) = TSql.Parse(sql);

        Assert.True(errors.Count == 0, $"{name} is not valid T-SQL:\n{TSql.Describe(errors)}\n--- as rendered for SQL Server ---\n{sql}");
        Assert.NotEmpty(TSql.Statements(script));
    }

    [Fact]
    public void The_collector_finds_the_SQL_of_the_shared_kernel_and_the_modules()
    {
        var statements = SqlConstants.Statements.Select(c => c.Name).ToList();

        Assert.True(statements.Count >= 20, $"Only {statements.Count} SQL statements were found; the collector is broken.");
        Assert.Contains(statements, name => name.StartsWith("Shared:", StringComparison.Ordinal));
        Assert.Contains(statements, name => name.StartsWith("Organization:", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_SQL_fragment_is_parsed_as_part_of_a_statement()
    {
        var statements = SqlConstants.Statements.ToList();

        var orphans = SqlConstants.All
            .Where(c => !c.IsStatement && !statements.Exists(s => s.Sql.Contains(c.Sql, StringComparison.Ordinal)))
            .Select(c => c.Name)
            .ToList();

        Assert.True(orphans.Count == 0,
            $"These SQL pieces are in no const statement, so nothing checks them on SQL Server; compose them into a const statement:\n  {string.Join("\n  ", orphans)}");
    }
}
