using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using Outreach.Shared.Data;

namespace Outreach.Bench;

/// <summary>A column of a bulk load: its name and the PostgreSQL type COPY writes it as.</summary>
public sealed record BulkColumn(string Name, NpgsqlDbType Type);

/// <summary>
/// Loads generated rows fast enough to seed millions: binary COPY on PostgreSQL, one prepared statement in one
/// transaction on SQLite, storing values exactly as the application's type handlers do.
/// </summary>
public static class BulkWriter
{
    public static async Task<long> WriteAsync(DbConnection connection, string table, IReadOnlyList<BulkColumn> columns, IEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        long count = 0;
        if (connection is NpgsqlConnection npgsql)
        {
            await using var importer = await npgsql.BeginBinaryImportAsync(
                $"COPY {table} ({string.Join(", ", columns.Select(c => c.Name))}) FROM STDIN (FORMAT BINARY)", cancellationToken);
            foreach (var row in rows)
            {
                await importer.StartRowAsync(cancellationToken);
                for (var i = 0; i < columns.Count; i++)
                {
                    if (row[i] is null) await importer.WriteNullAsync(cancellationToken);
                    else await importer.WriteAsync(row[i] is DateTimeOffset instant ? instant.ToUniversalTime() : row[i], columns[i].Type, cancellationToken);
                }
                count++;
            }
            await importer.CompleteAsync(cancellationToken);
            return count;
        }

        var sqlite = (SqliteConnection)connection;
        await using var transaction = (SqliteTransaction)await sqlite.BeginTransactionAsync(cancellationToken);
        await using var command = sqlite.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => c.Name))}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
        var parameters = columns.Select((_, i) => command.Parameters.Add(new SqliteParameter { ParameterName = "$p" + i })).ToArray();
        command.Prepare();
        foreach (var row in rows)
        {
            for (var i = 0; i < parameters.Length; i++) parameters[i].Value = ForSqlite(row[i]);
            await command.ExecuteNonQueryAsync(cancellationToken);
            count++;
        }
        await transaction.CommitAsync(cancellationToken);
        return count;
    }

    private static object ForSqlite(object? value) => value switch
    {
        null => DBNull.Value,
        Guid id => id.ToString(),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset instant => TypeHandlers.FormatInstant(instant),
        bool flag => flag ? 1 : 0,
        _ => value,
    };
}
