using System.Data.Common;
using Dapper;
using Outreach.IntegrationTests.Infrastructure;
using Outreach.Shared;
using Outreach.Shared.Data;

namespace Outreach.IntegrationTests.Platform;

/// <summary>
/// Every column type the modules store, written and read back through DbSession and Dapper's type handlers on the real
/// database, plus the dialect forms and the audit log's append-only triggers. Scratch tables are made and dropped per test.
/// </summary>
public abstract class DatabaseTests(IOutreachApp app)
{
    public sealed record Row<T>
    {
        public required int N { get; init; }
        public T? V { get; init; }
    }

    private string Type(string kind) => (app.Provider, kind) switch
    {
        (DatabaseProvider.Sqlite, "guid") => "UNIQUEIDENTIFIER",
        (DatabaseProvider.Sqlite, "bool" or "int" or "long") => "INTEGER",
        (DatabaseProvider.Sqlite, _) => "TEXT",
        (DatabaseProvider.Postgres, "guid") => "uuid",
        (DatabaseProvider.Postgres, "instant") => "timestamptz",
        (DatabaseProvider.Postgres, "bool") => "boolean",
        (DatabaseProvider.Postgres, "int") => "integer",
        (DatabaseProvider.Postgres, "long") => "bigint",
        (DatabaseProvider.Postgres, "text") => "varchar(200)",
        (DatabaseProvider.Postgres, "date") => "date",
        (DatabaseProvider.SqlServer, "guid") => "UNIQUEIDENTIFIER",
        (DatabaseProvider.SqlServer, "instant") => "DATETIMEOFFSET",
        (DatabaseProvider.SqlServer, "bool") => "BIT",
        (DatabaseProvider.SqlServer, "int") => "INT",
        (DatabaseProvider.SqlServer, "long") => "BIGINT",
        (DatabaseProvider.SqlServer, "text") => "NVARCHAR(200)",
        (DatabaseProvider.SqlServer, "date") => "DATE",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), $"{kind} on {app.Provider}"),
    };

    private sealed class ScratchTable(IOutreachApp app, string name) : IAsyncDisposable
    {
        public static async Task<ScratchTable> CreateAsync(IOutreachApp app, string columns)
        {
            var name = "scratch_" + Guid.NewGuid().ToString("N")[..12];
            await app.WithDb(db => db.ExecuteAsync($"CREATE TABLE {name} ({columns})"));
            return new ScratchTable(app, name);
        }

        public override string ToString() => name;

        public async ValueTask DisposeAsync() => await app.WithDb(db => db.ExecuteAsync($"DROP TABLE {name}"));
    }

    /// <summary>
    /// Stores each value in its own row, reads the rows back as init-property records through DbSession and as scalars
    /// through a bare Dapper call, and finds each row again by the value as a parameter.
    /// </summary>
    private async Task<IReadOnlyList<T?>> RoundTrip<T>(string kind, params T?[] values)
    {
        await using var table = await ScratchTable.CreateAsync(app, $"n INTEGER NOT NULL PRIMARY KEY, v {Type(kind)} NULL");
        return await app.WithDb(async db =>
        {
            for (var i = 0; i < values.Length; i++)
            {
                await db.ExecuteAsync($"INSERT INTO {table} (n, v) VALUES (@N, @V)", new { N = i + 1, V = values[i] });
            }

            var rows = await db.QueryAsync<Row<T>>($"SELECT n, v FROM {table} ORDER BY n");
            Assert.Equal(Enumerable.Range(1, values.Length), rows.Select(r => r.N));

            var connection = await db.ConnectionAsync();
            for (var i = 0; i < values.Length; i++)
            {
                var scalar = await connection.ExecuteScalarAsync<T?>($"SELECT v FROM {table} WHERE n = @N", new { N = i + 1 });
                Assert.Equal(rows[i].V, scalar);

                var found = await db.QueryAsync<int>($"SELECT n FROM {table} WHERE (@V IS NULL AND v IS NULL) OR v = @V", new { V = values[i] });
                Assert.Equal(new[] { i + 1 }, found);
            }
            return rows.Select(r => r.V).ToList();
        });
    }

    [Fact]
    public async Task A_guid_round_trips()
    {
        var id = Guid.CreateVersion7();
        var other = Guid.Parse("ffffffff-0000-4000-8000-00000000000a");
        Assert.Equal(new[] { id, other }, await RoundTrip("guid", id, other));
    }

    [Fact]
    public async Task A_nullable_guid_round_trips_null_and_not_null()
    {
        var id = Guid.CreateVersion7();
        Assert.Equal(new Guid?[] { null, id }, await RoundTrip<Guid?>("guid", null, id));
    }

    [Fact]
    public async Task An_instant_with_a_non_utc_offset_reads_back_as_the_same_instant_in_utc()
    {
        var india = new DateTimeOffset(2026, 3, 9, 23, 45, 30, 123, 456, TimeSpan.FromHours(5.5));
        var pacific = new DateTimeOffset(1999, 12, 31, 20, 0, 0, TimeSpan.FromHours(-8));
        var read = await RoundTrip("instant", india, pacific);

        Assert.Equal(india.UtcDateTime, read[0].UtcDateTime);
        Assert.Equal(new DateTime(2026, 3, 9, 18, 15, 30, 123, 456, DateTimeKind.Utc), read[0].UtcDateTime);
        Assert.Equal(pacific.UtcDateTime, read[1].UtcDateTime);
        Assert.All(read, instant => Assert.Equal(TimeSpan.Zero, instant.Offset));
    }

    [Fact]
    public async Task Instants_compare_by_the_moment_they_name_whatever_offset_a_parameter_has()
    {
        await using var table = await ScratchTable.CreateAsync(app, $"n INTEGER NOT NULL PRIMARY KEY, v {Type("instant")} NOT NULL");
        var stored = new DateTimeOffset(2026, 3, 9, 23, 45, 30, TimeSpan.FromHours(5.5));
        var count = await app.WithDb(async db =>
        {
            await db.ExecuteAsync($"INSERT INTO {table} (n, v) VALUES (1, @V)", new { V = stored });
            var secondLaterInNewYork = stored.AddSeconds(1).ToOffset(TimeSpan.FromHours(-5));
            var secondEarlierInUtc = stored.AddSeconds(-1).ToUniversalTime();
            return await db.ExecuteScalarAsync<long>(
                $"SELECT COUNT(*) FROM {table} WHERE v < @Later AND v > @Earlier",
                new { Later = secondLaterInNewYork, Earlier = secondEarlierInUtc });
        });
        Assert.Equal(1L, count);
    }

    [Fact]
    public async Task A_nullable_instant_round_trips_null_and_not_null()
    {
        var when = new DateTimeOffset(2027, 1, 1, 0, 30, 0, TimeSpan.FromHours(5.5));
        var read = await RoundTrip<DateTimeOffset?>("instant", null, when);
        Assert.Null(read[0]);
        Assert.Equal(when, read[1]);
        Assert.Equal(TimeSpan.Zero, read[1]!.Value.Offset);
    }

    [Fact]
    public async Task A_bool_round_trips_as_a_literal_and_as_a_parameter()
    {
        Assert.Equal(new[] { true, false }, await RoundTrip("bool", true, false));

        await using var table = await ScratchTable.CreateAsync(app, $"n INTEGER NOT NULL PRIMARY KEY, v {Type("bool")} NOT NULL");
        await app.WithDb(async db =>
        {
            await db.ExecuteAsync($"INSERT INTO {table} (n, v) VALUES (1, {{true}})");
            await db.ExecuteAsync($"INSERT INTO {table} (n, v) VALUES (2, {{false}})");
            await db.ExecuteAsync($"INSERT INTO {table} (n, v) VALUES (3, @Flag)", new { Flag = true });

            Assert.Equal(new[] { true, false, true }, await db.QueryAsync<bool>($"SELECT v FROM {table} ORDER BY n"));
            Assert.Equal(new[] { 1, 3 }, await db.QueryAsync<int>($"SELECT n FROM {table} WHERE v = {{true}} ORDER BY n"));
            Assert.Equal(new[] { 2 }, await db.QueryAsync<int>($"SELECT n FROM {table} WHERE v = {{false}}"));
            Assert.Equal(new[] { 2 }, await db.QueryAsync<int>($"SELECT n FROM {table} WHERE v = @Flag", new { Flag = false }));
            return 0;
        });
    }

    [Fact]
    public async Task Ints_and_longs_round_trip_at_their_limits()
    {
        Assert.Equal(new[] { int.MinValue, 0, int.MaxValue }, await RoundTrip("int", int.MinValue, 0, int.MaxValue));
        var beyondDouble = 9_007_199_254_740_993L;
        Assert.Equal(new[] { long.MinValue, beyondDouble, long.MaxValue }, await RoundTrip("long", long.MinValue, beyondDouble, long.MaxValue));
    }

    [Fact]
    public async Task Devanagari_text_round_trips_unchanged()
    {
        const string district = "सीहोर ज़िला";
        const string mixed = "क्षत्रिय श्री ज्ञान — Kotri कोटरी 👩🏽‍⚕️";
        Assert.Equal(new[] { district, mixed }, await RoundTrip("text", district, mixed));
    }

    [Fact]
    public async Task A_date_round_trips_without_a_time_or_zone()
    {
        var dates = new[] { new DateOnly(2026, 2, 28), new DateOnly(2024, 2, 29), new DateOnly(1999, 12, 31) };
        Assert.Equal(dates, await RoundTrip("date", dates[0], dates[1], dates[2]));
    }

    [Fact]
    public async Task The_audit_log_refuses_updates_and_deletes()
    {
        var workerId = await app.UserId("worker");
        using (var admin = await app.ApiAs("admin"))
        {
            Assert.True((await admin.GetAsync($"/api/v1/users/{workerId}")).IsSuccessStatusCode);
        }

        await app.WithDb(async db =>
        {
            var ids = await db.QueryAsync<Guid>("SELECT id FROM shared_audit_log WHERE action = 'GetUser' AND entity_id = @Id", new { Id = workerId });
            Assert.NotEmpty(ids);
            var before = await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM shared_audit_log");

            var update = await Assert.ThrowsAnyAsync<DbException>(() =>
                db.ExecuteAsync("UPDATE shared_audit_log SET outcome = 'tampered' WHERE id = @Id", new { Id = ids[0] }));
            Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
            var delete = await Assert.ThrowsAnyAsync<DbException>(() =>
                db.ExecuteAsync("DELETE FROM shared_audit_log WHERE id = @Id", new { Id = ids[0] }));
            Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);
            await Assert.ThrowsAnyAsync<DbException>(() => db.ExecuteAsync("DELETE FROM shared_audit_log"));
            if (app.Provider == DatabaseProvider.Postgres)
            {
                var truncate = await Assert.ThrowsAnyAsync<DbException>(() => db.ExecuteAsync("TRUNCATE shared_audit_log"));
                Assert.Contains("append-only", truncate.Message, StringComparison.Ordinal);
            }

            Assert.Equal(before, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM shared_audit_log"));
            Assert.Equal(0L, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM shared_audit_log WHERE outcome = 'tampered'"));
            return 0;
        });
    }

    [Fact]
    public async Task Paging_returns_the_right_window()
    {
        await using var table = await ScratchTable.CreateAsync(app, "n INTEGER NOT NULL PRIMARY KEY");
        var pages = await app.WithDb(async db =>
        {
            foreach (var n in new[] { 7, 3, 10, 1, 9, 2, 8, 4, 6, 5 }) await db.ExecuteAsync($"INSERT INTO {table} (n) VALUES (@N)", new { N = n });

            var result = new List<IReadOnlyList<int>>();
            for (var page = 1; page <= 4; page++)
            {
                var (skip, take) = Paging.Window(page, 4);
                result.Add(await db.QueryAsync<int>($"SELECT n FROM {table} ORDER BY n DESC {{page}}", new { Skip = skip, Take = take }));
            }
            return result;
        });

        Assert.Equal(new[] { 10, 9, 8, 7 }, pages[0]);
        Assert.Equal(new[] { 6, 5, 4, 3 }, pages[1]);
        Assert.Equal(new[] { 2, 1 }, pages[2]);
        Assert.Empty(pages[3]);
    }

    private sealed record Counter
    {
        public required Guid Id { get; init; }
        public required string Name { get; init; }
        public required int Hits { get; init; }
    }

    [Fact]
    public async Task Upsert_inserts_then_updates()
    {
        await using var table = await ScratchTable.CreateAsync(app,
            $"id {Type("guid")} NOT NULL PRIMARY KEY, name {Type("text")} NOT NULL, hits {Type("int")} NOT NULL");
        var first = Guid.CreateVersion7();
        var second = Guid.CreateVersion7();

        var rows = await app.WithDb(async db =>
        {
            var upsert = db.Dialect.Upsert(table.ToString(), ["id"], ["id", "name", "hits"]);
            Assert.Equal(1, await db.ExecuteAsync(upsert, new { id = first, name = "कोटरी", hits = 1 }));
            await db.ExecuteAsync(upsert, new { id = second, name = "Jawar", hits = 1 });
            await db.ExecuteAsync(upsert, new { id = first, name = "Kotri", hits = 2 });
            return await db.QueryAsync<Counter>($"SELECT id, name, hits FROM {table} ORDER BY hits DESC");
        });

        Assert.Equal(2, rows.Count);
        Assert.Equal(new Counter { Id = first, Name = "Kotri", Hits = 2 }, rows[0]);
        Assert.Equal(new Counter { Id = second, Name = "Jawar", Hits = 1 }, rows[1]);
    }

    [Fact]
    public async Task Upsert_with_only_key_columns_does_nothing_the_second_time()
    {
        await using var table = await ScratchTable.CreateAsync(app,
            $"user_id {Type("guid")} NOT NULL, region_id {Type("guid")} NOT NULL, PRIMARY KEY (user_id, region_id)");
        var user = Guid.CreateVersion7();
        var regions = new[] { Guid.CreateVersion7(), Guid.CreateVersion7() };

        var count = await app.WithDb(async db =>
        {
            var upsert = db.Dialect.Upsert(table.ToString(), ["user_id", "region_id"], ["user_id", "region_id"]);
            Assert.Equal(1, await db.ExecuteAsync(upsert, new { user_id = user, region_id = regions[0] }));
            Assert.Equal(0, await db.ExecuteAsync(upsert, new { user_id = user, region_id = regions[0] }));
            Assert.Equal(1, await db.ExecuteAsync(upsert, new { user_id = user, region_id = regions[1] }));
            return await db.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table} WHERE user_id = @UserId", new { UserId = user });
        });
        Assert.Equal(2L, count);
    }
}

[Collection(HostTests.Name)]
public sealed class SqliteDatabaseTests(SqliteApp app) : DatabaseTests(app);

[Collection(HostTests.Name)]
public sealed class PostgresDatabaseTests(PostgresApp app) : DatabaseTests(app);

[Collection(HostTests.Name)]
public sealed class SqlServerDatabaseTests(SqlServerApp app) : DatabaseTests(app);
