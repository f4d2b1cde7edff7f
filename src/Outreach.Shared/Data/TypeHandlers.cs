using System.Data;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Outreach.Shared.Data;

/// <summary>
/// SQLite has no uuid or timestamp type: there ids are TEXT and instants are ISO-8601 UTC TEXT (which sorts correctly).
/// PostgreSQL and SQL Server receive the native values; Npgsql wants instants in UTC.
/// </summary>
public static class TypeHandlers
{
    private static int registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref registered, 1) == 1) return;
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        Add(typeof(Guid), new GuidHandler());
        Add(typeof(DateTimeOffset), new DateTimeOffsetHandler());
        Add(typeof(DateOnly), new DateOnlyHandler());
    }

    private static void Add(Type type, SqlMapper.ITypeHandler handler)
    {
        var nullable = typeof(Nullable<>).MakeGenericType(type);
        SqlMapper.RemoveTypeMap(type);
        SqlMapper.RemoveTypeMap(nullable);
        SqlMapper.AddTypeHandler(type, handler);
        SqlMapper.AddTypeHandler(nullable, handler);
    }

    public static string FormatInstant(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// Implemented on <see cref="SqlMapper.ITypeHandler"/> rather than <c>TypeHandler&lt;T&gt;</c> so that a null still carries
    /// its type: PostgreSQL cannot infer the type of an untyped null in <c>@Param IS NULL</c>.
    /// </summary>
    private abstract class Handler<T>(DbType nativeType) : SqlMapper.ITypeHandler
        where T : struct
    {
        public void SetValue(IDbDataParameter parameter, object value)
        {
            var sqlite = parameter is SqliteParameter;
            parameter.DbType = sqlite ? DbType.String : nativeType;
            parameter.Value = value is null or DBNull ? DBNull.Value : sqlite ? ToSqlite((T)value) : ToNative((T)value);
        }

        public object? Parse(Type destinationType, object value) => value is null or DBNull ? null : Read(value);

        protected abstract string ToSqlite(T value);
        protected virtual object ToNative(T value) => value;
        protected abstract T Read(object value);
    }

    private sealed class GuidHandler() : Handler<Guid>(DbType.Guid)
    {
        protected override string ToSqlite(Guid value) => value.ToString();

        protected override Guid Read(object value) => value switch
        {
            Guid guid => guid,
            string text => Guid.Parse(text),
            byte[] bytes => new Guid(bytes),
            _ => throw new DataException($"Cannot read {value.GetType()} as a Guid."),
        };
    }

    private sealed class DateTimeOffsetHandler() : Handler<DateTimeOffset>(DbType.DateTimeOffset)
    {
        protected override string ToSqlite(DateTimeOffset value) => FormatInstant(value);
        protected override object ToNative(DateTimeOffset value) => value.ToUniversalTime();

        protected override DateTimeOffset Read(object value) => value switch
        {
            DateTimeOffset instant => instant,
            DateTime dateTime => new DateTimeOffset(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc)),
            string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
            _ => throw new DataException($"Cannot read {value.GetType()} as a DateTimeOffset."),
        };
    }

    private sealed class DateOnlyHandler() : Handler<DateOnly>(DbType.Date)
    {
        protected override string ToSqlite(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        protected override DateOnly Read(object value) => value switch
        {
            DateOnly date => date,
            DateTime dateTime => DateOnly.FromDateTime(dateTime),
            string text => DateOnly.Parse(text, CultureInfo.InvariantCulture),
            _ => throw new DataException($"Cannot read {value.GetType()} as a DateOnly."),
        };
    }
}
