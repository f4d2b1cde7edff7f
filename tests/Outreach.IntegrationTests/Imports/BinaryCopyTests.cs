using Npgsql;
using Outreach.IntegrationTests.Infrastructure;
using Outreach.Surveys.Imports;

namespace Outreach.IntegrationTests.Imports;

/// <summary>The import's hand-written COPY encoding, read back by PostgreSQL itself: every value comes back as written.</summary>
[Collection(HostTests.Name)]
public sealed class PostgresBinaryCopyTests(PostgresApp app)
{
    private sealed record Row(Guid? Id, int Number, DateOnly Day, decimal? Amount, string? Words, DateTimeOffset At);

    [Fact]
    public async Task Every_value_PostgreSQL_reads_back_is_the_one_written()
    {
        decimal?[] amounts = [0m, 0.5m, 22.5m, -0.000123m, 12345.67m, 1234567.890123m, -76.123456m, 10000m, 100000000m, 0.0001m, 9999.9999m, null];
        var rows = amounts.Select((amount, i) => new Row(
            i % 5 == 4 ? null : Guid.NewGuid(), i - 3, new DateOnly(1999 + i, 1 + i, 28 - i), amount,
            i % 3 == 2 ? null : $"पंक्ति {i}, \"quoted\"\nline two", new DateTimeOffset(2026, 12, 1, 10, i, 30, 123, TimeSpan.FromHours(5.5)).AddTicks(4560))).ToList();

        var read = await app.WithDb(async db =>
        {
            var connection = (NpgsqlConnection)await db.ConnectionAsync();
            await using (var create = new NpgsqlCommand("CREATE TEMP TABLE copy_check (id uuid, number integer, day date, amount numeric, words text, at timestamptz)", connection))
            {
                await create.ExecuteNonQueryAsync();
            }
            using var buffer = new BinaryCopyBuffer(64);
            foreach (var row in rows)
            {
                buffer.StartRow(6);
                buffer.Uuid(row.Id);
                buffer.Integer(row.Number);
                buffer.Date(row.Day);
                buffer.Numeric(row.Amount);
                buffer.Text(row.Words);
                buffer.TimestampTz(row.At);
            }
            await using (var copy = await connection.BeginRawBinaryCopyAsync("COPY copy_check FROM STDIN (FORMAT BINARY)"))
            {
                await copy.WriteAsync(BinaryCopyBuffer.Header);
                await copy.WriteAsync(buffer.Written);
                await copy.WriteAsync(BinaryCopyBuffer.Trailer);
            }
            var back = new List<Row>();
            await using var select = new NpgsqlCommand("SELECT id, number, day, amount, words, at FROM copy_check ORDER BY number", connection);
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                back.Add(new Row(
                    reader.IsDBNull(0) ? null : reader.GetGuid(0), reader.GetInt32(1), reader.GetFieldValue<DateOnly>(2),
                    reader.IsDBNull(3) ? null : reader.GetDecimal(3), reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetFieldValue<DateTimeOffset>(5)));
            }
            return back;
        });

        Assert.Equal(rows.Select(r => r with { At = r.At.AddTicks(-(r.At.Ticks % 10)) }), read.Select(r => r with { At = r.At.ToOffset(TimeSpan.FromHours(5.5)) }));
        Assert.Equal(rows.Select(r => r.Amount?.Scale), read.Select(r => r.Amount?.Scale));
    }
}
