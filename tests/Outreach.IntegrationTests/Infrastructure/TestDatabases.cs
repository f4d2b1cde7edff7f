using Microsoft.Data.Sqlite;
using Npgsql;
using Outreach.Shared.Data;
using Testcontainers.MsSql;
using Testcontainers.PostgreSql;

namespace Outreach.IntegrationTests.Infrastructure;

/// <summary>A real, empty database for one test run, or the reason there is none here.</summary>
public abstract class TestDatabase : IAsyncDisposable
{
    public abstract DatabaseProvider Provider { get; }
    public string ConnectionString { get; protected set; } = "";
    public string? Unavailable { get; protected set; }

    /// <summary>In CI a missing PostgreSQL is a failure, not a skip. SQL Server needs Docker, which CI machines here lack.</summary>
    protected virtual bool MustExistInCi => false;

    public abstract Task CreateAsync();

    public void RequireAvailable()
    {
        if (Unavailable is null) return;
        if (MustExistInCi && string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{Provider} tests must run in CI: {Unavailable}");
        }
        Assert.Skip($"{Provider} is not available: {Unavailable}");
    }

    public abstract ValueTask DisposeAsync();

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}

public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string folder = Directory.CreateTempSubdirectory("outreach-test-").FullName;

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override Task CreateAsync()
    {
        ConnectionString = $"Data Source={Path.Combine(folder, "outreach.db")}";
        return Task.CompletedTask;
    }

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }
}

/// <summary>OUTREACH_TEST_POSTGRES (a server we create a fresh database on), else Testcontainers, else unavailable.</summary>
public sealed class PostgresTestDatabase : TestDatabase
{
    private string? adminConnectionString;
    private string? databaseName;
    private PostgreSqlContainer? container;

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
    protected override bool MustExistInCi => true;

    public override async Task CreateAsync()
    {
        adminConnectionString = Environment.GetEnvironmentVariable("OUTREACH_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(adminConnectionString))
        {
            try
            {
                container = new PostgreSqlBuilder("postgres:16-alpine").Build();
                await container.StartAsync();
                adminConnectionString = container.GetConnectionString();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Unavailable = $"set OUTREACH_TEST_POSTGRES to a server connection string, or run Docker ({ex.GetType().Name}: {ex.Message})";
                return;
            }
        }

        databaseName = "outreach_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = new NpgsqlConnection(adminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {databaseName}", admin);
            await create.ExecuteNonQueryAsync();
        }
        ConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = databaseName }.ConnectionString;
    }

    public override async ValueTask DisposeAsync()
    {
        if (databaseName is not null && adminConnectionString is not null && container is null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(adminConnectionString);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {databaseName} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
        if (container is not null) await container.DisposeAsync();
    }
}

/// <summary>SQL Server runs only in a container; where there is no Docker engine these tests skip with that reason.</summary>
public sealed class SqlServerTestDatabase : TestDatabase
{
    private MsSqlContainer? container;

    public override DatabaseProvider Provider => DatabaseProvider.SqlServer;

    public override async Task CreateAsync()
    {
        try
        {
            container = new MsSqlBuilder("mcr.microsoft.com/mssql/server:2022-CU14-ubuntu-22.04").Build();
            await container.StartAsync();
            ConnectionString = container.GetConnectionString();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Unavailable = $"no Docker engine for a SQL Server container here; its statements are parse-checked in the unit tests instead ({ex.GetType().Name})";
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (container is not null) await container.DisposeAsync();
    }
}
