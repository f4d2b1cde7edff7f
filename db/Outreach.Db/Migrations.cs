using System.Data;
using FluentMigrator.Runner;
using FluentMigrator.Runner.Generators.SQLite;
using FluentMigrator.Runner.Initialization;
using FluentMigrator.Runner.Logging;
using FluentMigrator.Runner.Processors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Outreach.Shared.Data;

namespace Outreach.Db;

/// <summary>Names for <c>IfDatabase</c>: the runners report several aliases per provider.</summary>
public static class ProcessorIds
{
    public static readonly string[] SQLite = ["SQLite"];
    public static readonly string[] Postgres = ["Postgres", "PostgreSQL", "PostgreSQL15_0"];
    public static readonly string[] SqlServer = ["SqlServer", "SqlServer2016"];
}

/// <summary>One migration set for every provider: applied at start-up or by the host's "migrate" command, and rendered as scripts for review.</summary>
public static class Migrations
{
    public static void MigrateUp(DatabaseProvider provider, string connectionString, long? upToVersion = null)
    {
        using var services = Build(provider, connectionString, previewOnly: false, sql: null);
        using var scope = services.CreateScope();
        var runner = scope.ServiceProvider.GetRequiredService<IMigrationRunner>();
        if (upToVersion is { } version) runner.MigrateUp(version);
        else runner.MigrateUp();
    }

    public static string ScriptFileName(DatabaseProvider provider) => provider.ToString().ToLowerInvariant() + ".sql";

    /// <summary>The SQL the migrations produce on a provider, without a connection (how SQL Server statements are checked here).</summary>
    public static string Script(DatabaseProvider provider)
    {
        var sql = new List<string>();
        using (var services = Build(provider, connectionString: null, previewOnly: true, sql))
        using (var scope = services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<IMigrationRunner>().MigrateUp();
        }
        // SQL Server wants CREATE TRIGGER alone in its batch, so its script separates statements with GO.
        var separator = provider == DatabaseProvider.SqlServer ? "\nGO\n\n" : "\n\n";
        return string.Join(separator, sql.Select(s => s.Trim().TrimEnd(';')).Where(s => s.Length > 0).Select(s => s + ";")) + "\n";
    }

    private static ServiceProvider Build(DatabaseProvider provider, string? connectionString, bool previewOnly, List<string>? sql)
    {
        var services = new ServiceCollection()
            .AddFluentMigratorCore()
            .ConfigureRunner(runner =>
            {
                _ = provider switch
                {
                    DatabaseProvider.Sqlite => runner.AddSQLite(binaryGuid: false),
                    DatabaseProvider.Postgres => runner.AddPostgres(),
                    DatabaseProvider.SqlServer => runner.AddSqlServer2016(),
                    _ => throw new ArgumentOutOfRangeException(nameof(provider)),
                };
                if (connectionString is not null) runner.WithGlobalConnectionString(connectionString);
                runner.ScanIn(typeof(Migrations).Assembly).For.Migrations();
            })
            .AddScoped<ISQLiteTypeMap, SqliteTypeMap>()
            .Configure<ProcessorOptions>(o => o.PreviewOnly = previewOnly)
            .Configure<RunnerOptions>(o => o.TransactionPerSession = false)
            .AddLogging(logging =>
            {
                logging.ClearProviders();
                if (sql is not null) logging.AddProvider(new SqlCapture(sql));
            });
        return services.BuildServiceProvider(validateScopes: false);
    }

    /// <summary>SQLite has no timestamp type; instants are ISO-8601 UTC TEXT, which sorts in time order.</summary>
    private sealed class SqliteTypeMap : ISQLiteTypeMap
    {
        private readonly SQLiteTypeMap inner = new(useStrictTables: false);

        public string GetTypeMap(DbType type, int? size, int? precision) =>
            type == DbType.DateTimeOffset ? "TEXT" : inner.GetTypeMap(type, size, precision);
    }

    private sealed class SqlCapture(List<string> sql) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == RunnerEventIds.Sql.Id) sql.Add(formatter(state, exception));
        }

        public void Dispose() { }
    }
}
