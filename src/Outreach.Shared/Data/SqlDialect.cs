using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Outreach.Shared.Data;

/// <summary>
/// The few places where the three providers disagree. SQL beside a handler is written once and may use these tokens:
/// <c>{page}</c> (paging by @Skip and @Take; needs ORDER BY), <c>{true}</c>/<c>{false}</c>, <c>{cat}</c> (string concatenation),
/// <c>{ilike}</c> (case-insensitive LIKE), <c>{month:expr}</c> (yyyy-MM bucket of a timestamp),
/// <c>{in:column,@List}</c> (column in a list parameter: Dapper expands the list, except on PostgreSQL, which takes an array).
/// </summary>
public abstract partial class SqlDialect
{
    private readonly ConcurrentDictionary<string, string> rendered = new(StringComparer.Ordinal);

    public abstract DatabaseProvider Provider { get; }

    public static SqlDialect For(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => Sqlite,
        DatabaseProvider.Postgres => Postgres,
        DatabaseProvider.SqlServer => SqlServer,
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    public static readonly SqlDialect Sqlite = new SqliteDialect();
    public static readonly SqlDialect Postgres = new PostgresDialect();
    public static readonly SqlDialect SqlServer = new SqlServerDialect();

    public string Render(string sql) => rendered.GetOrAdd(sql, static (text, dialect) => dialect.Translate(text), this);

    /// <summary>
    /// Insert a row, or update the non-key columns of the row with the same key (or leave it, when every column is a key).
    /// Identifiers only; values are parameters named exactly like the columns (<c>@user_id</c>). Columns in
    /// <paramref name="addedColumns"/> are counters: an existing row's value is added to instead of replaced.
    /// </summary>
    public abstract string Upsert(string table, IReadOnlyList<string> keyColumns, IReadOnlyList<string> columns, IReadOnlyList<string>? addedColumns = null);

    protected abstract string Page { get; }
    protected abstract string True { get; }
    protected abstract string False { get; }
    protected abstract string Concat { get; }
    protected abstract string CaseInsensitiveLike { get; }
    protected abstract string Month(string expression);

    protected virtual string InList(string column, string parameter) => $"{column} IN {parameter}";

    private string Translate(string sql) => TokenPattern().Replace(sql, match => match.Groups["name"].Value switch
    {
        "page" => Page,
        "true" => True,
        "false" => False,
        "cat" => Concat,
        "ilike" => CaseInsensitiveLike,
        "month" => Month(match.Groups["arg"].Value),
        "in" => InList(match.Groups["arg"].Value.Split(',')[0].Trim(), match.Groups["arg"].Value.Split(',')[1].Trim()),
        _ => match.Value,
    });

    [GeneratedRegex(@"\{(?:(?<name>page|true|false|cat|ilike)|(?<name>month):(?<arg>[^}]+)|(?<name>in):(?<arg>[^,}]+,\s*@\w+))\}")]
    private static partial Regex TokenPattern();

    protected static string SetList(IEnumerable<string> columns, string target, string source, IReadOnlyList<string>? added) =>
        string.Join(", ", columns.Select(c => added?.Contains(c) == true ? $"{c} = {target}{c} + {source}{c}" : $"{c} = {source}{c}"));

    private sealed class SqliteDialect : SqlDialect
    {
        public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
        protected override string Page => "LIMIT @Take OFFSET @Skip";
        protected override string True => "1";
        protected override string False => "0";
        protected override string Concat => "||";
        protected override string CaseInsensitiveLike => "LIKE";
        protected override string Month(string expression) => $"strftime('%Y-%m', {expression})";

        public override string Upsert(string table, IReadOnlyList<string> keyColumns, IReadOnlyList<string> columns, IReadOnlyList<string>? addedColumns = null) =>
            $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "@" + c))}) " +
            $"ON CONFLICT ({string.Join(", ", keyColumns)}) " +
            (columns.Except(keyColumns).Any() ? $"DO UPDATE SET {SetList(columns.Except(keyColumns), table + ".", "excluded.", addedColumns)}" : "DO NOTHING");
    }

    private sealed class PostgresDialect : SqlDialect
    {
        public override DatabaseProvider Provider => DatabaseProvider.Postgres;
        protected override string Page => "LIMIT @Take OFFSET @Skip";
        protected override string True => "TRUE";
        protected override string False => "FALSE";
        protected override string Concat => "||";
        protected override string CaseInsensitiveLike => "ILIKE";
        protected override string Month(string expression) => $"to_char({expression} AT TIME ZONE 'UTC', 'YYYY-MM')";
        protected override string InList(string column, string parameter) => $"{column} = ANY({parameter})";

        public override string Upsert(string table, IReadOnlyList<string> keyColumns, IReadOnlyList<string> columns, IReadOnlyList<string>? addedColumns = null) =>
            Sqlite.Upsert(table, keyColumns, columns, addedColumns);
    }

    private sealed class SqlServerDialect : SqlDialect
    {
        public override DatabaseProvider Provider => DatabaseProvider.SqlServer;
        protected override string Page => "OFFSET @Skip ROWS FETCH NEXT @Take ROWS ONLY";
        protected override string True => "1";
        protected override string False => "0";
        protected override string Concat => "+";
        protected override string CaseInsensitiveLike => "LIKE";
        protected override string Month(string expression) => $"CONVERT(char(7), {expression}, 126)";

        public override string Upsert(string table, IReadOnlyList<string> keyColumns, IReadOnlyList<string> columns, IReadOnlyList<string>? addedColumns = null) =>
            $"MERGE INTO {table} WITH (HOLDLOCK) AS target " +
            $"USING (SELECT {string.Join(", ", columns.Select(c => $"@{c} AS {c}"))}) AS source " +
            $"ON {string.Join(" AND ", keyColumns.Select(k => $"target.{k} = source.{k}"))} " +
            (columns.Except(keyColumns).Any() ? $"WHEN MATCHED THEN UPDATE SET {SetList(columns.Except(keyColumns), "target.", "source.", addedColumns)} " : "") +
            $"WHEN NOT MATCHED THEN INSERT ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "source." + c))});";
    }
}
