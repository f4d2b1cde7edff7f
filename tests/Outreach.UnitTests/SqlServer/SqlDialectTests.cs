using Microsoft.SqlServer.TransactSql.ScriptDom;
using Outreach.Shared.Data;

namespace Outreach.UnitTests.SqlServer;

public sealed class SqlDialectTests
{
    public static TheoryData<DatabaseProvider, string, string> Tokens => new()
    {
        { DatabaseProvider.Sqlite, "{page}", "LIMIT @Take OFFSET @Skip" },
        { DatabaseProvider.Postgres, "{page}", "LIMIT @Take OFFSET @Skip" },
        { DatabaseProvider.SqlServer, "{page}", "OFFSET @Skip ROWS FETCH NEXT @Take ROWS ONLY" },
        { DatabaseProvider.Sqlite, "{true}", "1" },
        { DatabaseProvider.Postgres, "{true}", "TRUE" },
        { DatabaseProvider.SqlServer, "{true}", "1" },
        { DatabaseProvider.Sqlite, "{false}", "0" },
        { DatabaseProvider.Postgres, "{false}", "FALSE" },
        { DatabaseProvider.SqlServer, "{false}", "0" },
        { DatabaseProvider.Sqlite, "{cat}", "||" },
        { DatabaseProvider.Postgres, "{cat}", "||" },
        { DatabaseProvider.SqlServer, "{cat}", "+" },
        { DatabaseProvider.Sqlite, "{ilike}", "LIKE" },
        { DatabaseProvider.Postgres, "{ilike}", "ILIKE" },
        { DatabaseProvider.SqlServer, "{ilike}", "LIKE" },
        { DatabaseProvider.Sqlite, "{month:v.visited_at}", "strftime('%Y-%m', v.visited_at)" },
        { DatabaseProvider.Postgres, "{month:v.visited_at}", "to_char(v.visited_at AT TIME ZONE 'UTC', 'YYYY-MM')" },
        { DatabaseProvider.SqlServer, "{month:v.visited_at}", "CONVERT(char(7), v.visited_at, 126)" },
    };

    [Theory]
    [MemberData(nameof(Tokens))]
    public void A_dialect_token_renders_to_the_providers_SQL(DatabaseProvider provider, string token, string expected)
    {
        Assert.Equal($"SELECT a {expected} b", SqlDialect.For(provider).Render($"SELECT a {token} b"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    [InlineData(DatabaseProvider.SqlServer)]
    public void Braces_that_are_not_a_token_are_left_as_written(DatabaseProvider provider)
    {
        const string sql = "SELECT '{pages}', '{TRUE}', '{}' FROM org_region";

        Assert.Equal(sql, SqlDialect.For(provider).Render(sql));
    }

    [Fact]
    public void Every_token_rendered_for_SQL_Server_parses_as_TSql()
    {
        const string sql = """
            SELECT {month:r.created_at} AS month, r.name {cat} '/' AS label
            FROM org_region r
            WHERE r.is_active = {true} AND r.is_deleted = {false} AND r.name {ilike} @Search ESCAPE '\'
            ORDER BY r.name {page}
            """;
        var rendered = SqlDialect.SqlServer.Render(sql);

        var (script, errors) = TSql.Parse(rendered);

        Assert.True(errors.Count == 0, $"{TSql.Describe(errors)}\n{rendered}");
        Assert.IsType<SelectStatement>(Assert.Single(TSql.Statements(script)));
    }

    [Theory]
    [InlineData("org_user_region", "user_id,region_id", "user_id,region_id,assigned_at")]
    [InlineData("cases_consent", "person_id,purpose", "person_id,purpose,granted_at,expires_at,version")]
    [InlineData("surveys_gap", "id", "id,village_id,category,status")]
    public void The_SQL_Server_upsert_parses_as_one_MERGE_statement(string table, string keys, string columns)
    {
        var sql = SqlDialect.SqlServer.Upsert(table, keys.Split(','), columns.Split(','));

        var (script, errors) = TSql.Parse(sql);

        Assert.True(errors.Count == 0, $"{TSql.Describe(errors)}\n{sql}");
        Assert.IsType<MergeStatement>(Assert.Single(TSql.Statements(script)));
    }

    [Fact]
    public void A_counting_upsert_adds_to_the_stored_counter_and_parses_as_one_MERGE_on_SQL_Server()
    {
        string[] keys = ["village_id", "category"];
        string[] columns = ["village_id", "category", "region_path", "responses"];

        var merge = SqlDialect.SqlServer.Upsert("surveys_gap_tally", keys, columns, ["responses"]);
        var (script, errors) = TSql.Parse(merge);

        Assert.True(errors.Count == 0, $"{TSql.Describe(errors)}\n{merge}");
        Assert.IsType<MergeStatement>(Assert.Single(TSql.Statements(script)));
        Assert.Contains("responses = target.responses + source.responses", merge, StringComparison.Ordinal);
        Assert.EndsWith(
            "DO UPDATE SET region_path = excluded.region_path, responses = surveys_gap_tally.responses + excluded.responses",
            SqlDialect.Postgres.Upsert("surveys_gap_tally", keys, columns, ["responses"]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public void The_upsert_on_SQLite_and_PostgreSQL_updates_the_non_key_columns_on_conflict(DatabaseProvider provider)
    {
        var sql = SqlDialect.For(provider).Upsert("org_user_region", ["user_id", "region_id"], ["user_id", "region_id", "assigned_at"]);

        Assert.Equal(
            "INSERT INTO org_user_region (user_id, region_id, assigned_at) VALUES (@user_id, @region_id, @assigned_at) " +
            "ON CONFLICT (user_id, region_id) DO UPDATE SET assigned_at = excluded.assigned_at",
            sql);
    }
}
