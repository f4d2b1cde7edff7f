using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Outreach.Shared.Data;

public sealed class ConnectionFactory : IDisposable
{
    private readonly NpgsqlDataSource? postgres;

    public ConnectionFactory(IOptions<DatabaseOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Provider = options.Value.Provider;
        ConnectionString = Provider switch
        {
            DatabaseProvider.Sqlite => WithSqliteDefaults(options.Value.ConnectionString),
            DatabaseProvider.Postgres => WithPostgresDefaults(options.Value.ConnectionString),
            _ => options.Value.ConnectionString,
        };
        Dialect = SqlDialect.For(Provider);
        if (Provider == DatabaseProvider.Postgres) postgres = NpgsqlDataSource.Create(ConnectionString);
        TypeHandlers.Register();
    }

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }
    public SqlDialect Dialect { get; }

    public DbConnection Create() => Provider switch
    {
        DatabaseProvider.Sqlite => new SqliteConnection(ConnectionString),
        DatabaseProvider.Postgres => postgres!.CreateConnection(),
        DatabaseProvider.SqlServer => new SqlConnection(ConnectionString),
        _ => throw new InvalidOperationException($"Unknown provider {Provider}."),
    };

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = Create();
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>Foreign keys on, and a busy wait instead of an immediate "database is locked" when writers overlap.</summary>
    public static string WithSqliteDefaults(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { ForeignKeys = true };
        if (builder.DefaultTimeout == 30) builder.DefaultTimeout = 15;
        return builder.ToString();
    }

    /// <summary>
    /// The same few dozen statements serve every request, so a statement used twice is prepared on its connection and
    /// kept; and a connection going back to the pool is not reset, because the reset (DISCARD ALL) would drop those
    /// prepared statements. Nothing here leaves session state behind (no SET, temporary tables or session locks).
    /// A connection string that names either setting keeps its own value.
    /// </summary>
    public static string WithPostgresDefaults(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0 && !Names(connectionString, "Max Auto Prepare"))
        {
            builder.MaxAutoPrepare = 256;
            builder.AutoPrepareMinUsages = 2;
        }
        if (!Names(connectionString, "No Reset On Close")) builder.NoResetOnClose = true;
        return builder.ToString();
    }

    private static bool Names(string connectionString, string keyword) =>
        connectionString.Replace(" ", "", StringComparison.Ordinal).Contains(keyword.Replace(" ", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);

    public void Dispose() => postgres?.Dispose();
}
