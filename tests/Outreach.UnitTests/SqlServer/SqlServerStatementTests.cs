using Outreach.Shared.Data;

namespace Outreach.UnitTests.SqlServer;

public sealed class SqlServerStatementTests
{
    public static TheoryData<string> StatementNames => new(SqlConstants.Statements.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(StatementNames))]
    public void A_SQL_statement_beside_a_handler_parses_as_TSql_once_rendered_for_SQL_Server(string name)
    {
        var sql = SqlDialect.SqlServer.Render(SqlConstants.Named(name).Sql);

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
