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
        ConnectionString = Provider == DatabaseProvider.Sqlite
            ? WithSqliteDefaults(options.Value.ConnectionString)
            : options.Value.ConnectionString;
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

    public void Dispose() => postgres?.Dispose();
}
