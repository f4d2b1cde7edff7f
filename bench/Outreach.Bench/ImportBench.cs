using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;
using Outreach.Host.Infrastructure;
using Outreach.Shared.Data;
using Outreach.Surveys.Imports;

namespace Outreach.Bench;

public sealed record ImportBenchResult(
    string Provider, string Database, int Rows, long FileBytes, int BatchSize, double ImportSeconds, long Imported, long Failed,
    double? ReplaySeconds, long? ReplayUnchanged, int WarmUpRows, string Baseline, double BaselineSeconds, double? UnkeyedBaselineSeconds, long PeakRssBytes, long RssAfterStartBytes, DateTimeOffset At)
{
    public double ImportRowsPerSecond => Rows / ImportSeconds;
    public double BaselineRowsPerSecond => Imported / BaselineSeconds;
    public double Ratio => ImportRowsPerSecond / BaselineRowsPerSecond;
    public double? UnkeyedRatio => UnkeyedBaselineSeconds is { } unkeyed ? ImportRowsPerSecond / (Imported / unkeyed) : null;
}

/// <summary>
/// The Surveys import at scale: a generated Kobo CSV uploaded to the real host (Release build, child process) and imported by
/// its Hangfire job, timed from the job's start to its finish; then the same stored rows written again by the database's own
/// fastest path (PostgreSQL binary COPY into a table with the response table's columns, indexes and foreign keys, and for
/// comparison without the foreign keys; on SQLite a prepared insert loop).
/// Peak RSS is the host's VmHWM.
/// </summary>
public static class ImportBench
{
    public const double RatioTarget = 0.5;
    public const long RssTarget = 1L << 30;
    private const int InsertLoopBatchSize = 5000;

    private static readonly string[] Header =
    [
        "start", "end", "today", "deviceid", "household/household_size", "household/has_counsellor", "services", "services/clinic", "services/helpline",
        "services/group", "water_source", "visit_date", "location", "_location_latitude", "_location_longitude", "_location_altitude", "_location_precision",
        "village", "notes", "__version__", "_id", "_uuid", "_submission_time", "_validation_status", "_index",
    ];

    private static readonly object[] Questions =
    [
        new { key = "household_size", type = "Number", label = "Household size", required = true, min = 1, max = 30 },
        new { key = "has_counsellor", type = "YesNo", label = "Is there a counsellor nearby?", gaps = new Dictionary<string, string> { ["no"] = "counselling" } },
        new { key = "services", type = "MultiSelect", label = "Services used", choices = new[] { new { value = "clinic", label = "Clinic" }, new { value = "helpline", label = "Helpline" }, new { value = "group", label = "Group" } } },
        new { key = "water_source", type = "SingleSelect", label = "Water source", choices = new[] { new { value = "well", label = "Well" }, new { value = "tap", label = "Tap" }, new { value = "river", label = "River" } } },
        new { key = "visit_date", type = "Date", label = "Date of visit" },
        new { key = "location", type = "GpsPoint", label = "Location" },
        new { key = "notes", type = "Text", label = "Notes", labelHi = "टिप्पणी" },
    ];

    private const string VillagesSql = """
        SELECT v.name FROM org_region v JOIN org_region a ON v.path LIKE a.path || '%' JOIN org_user_region ur ON ur.region_id = a.id
        WHERE ur.user_id = @UserId AND v.level = 5
        """;

    public static async Task<ImportBenchResult> RunAsync(BenchDatabase database, string hostDll, SeedPlan plan, int rows, bool replay, int warmUpRows, Action<string> log, CancellationToken ct)
    {
        log($"database: {database.Description}");
        DatabaseStartup.Migrate(database.Options);
        using var factory = new ConnectionFactory(Options.Create(database.Options));
        var seed = await Seeder.SeedAsync(factory, plan, ct);
        List<string> villages;
        await using (var connection = await factory.OpenAsync(ct))
        {
            await connection.ExecuteAsync("UPDATE org_user SET role = 'Coordinator' WHERE username = @Username", new { Username = Seeder.BenchUsername });
            villages = [.. (await connection.QueryAsync<string>(VillagesSql, new { UserId = seed.BenchUserId })).GroupBy(n => n).Where(g => g.Count() == 1).Select(g => g.Key)];
        }
        log($"seeded {seed.Regions:N0} regions; {Seeder.BenchUsername} coordinates {villages.Count} uniquely named villages");

        var folder = Directory.CreateTempSubdirectory("outreach-import-bench-");
        try
        {
            var csv = Path.Combine(folder.FullName, "kobo-export.csv");
            var started = Stopwatch.GetTimestamp();
            await GenerateAsync(csv, 0, rows, villages, ct);
            var fileBytes = new FileInfo(csv).Length;
            log($"generated {rows:N0} rows, {fileBytes / 1048576.0:N0} MiB in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s");

            await using var host = HostProcess.Start(hostDll, new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Benchmark",
                ["Database__Provider"] = database.Options.Provider.ToString(),
                ["Database__ConnectionString"] = database.Options.ConnectionString,
                ["DemoData__Enabled"] = "false",
                ["Jobs__RunServer"] = "true",
                ["Jobs__WorkerCount"] = "1",
                ["Imports__DataFolder"] = Path.Combine(folder.FullName, "data"),
                ["Imports__MaxFileMegabytes"] = "4096",
                ["Logging__LogLevel__Default"] = "Warning",
                ["Serilog__MinimumLevel__Default"] = "Warning",
            });
            await host.WaitReadyAsync("/health/live", TimeSpan.FromSeconds(60), ct);
            var rssAfterStart = Rss(host.Id, "VmRSS:");
            using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromHours(2) };
            var token = await (await http.PostAsJsonAsync("/api/v1/auth/tokens", new { username = Seeder.BenchUsername, password = Seeder.BenchPassword, deviceName = "bench" }, ct))
                .Content.ReadFromJsonAsync<JsonElement>(ct);
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("token").GetString());
            var survey = await Json(await http.PostAsJsonAsync("/api/v1/surveys", new { name = "Bench village services", questions = Questions }, ct), ct);
            var templateId = survey.GetProperty("id").GetGuid();

            if (warmUpRows > 0)
            {
                // Other submissions than the timed file's, so the timed import still stores every row.
                var warmUp = Path.Combine(folder.FullName, "warm-up.csv");
                await GenerateAsync(warmUp, rows, warmUpRows, villages, ct);
                var warmed = await ImportAsync(http, templateId, warmUp, log, ct);
                log($"warm-up: imported {warmed.GetProperty("imported").GetInt64():N0} other rows in {Seconds(warmed):0.0} s, so the timed import runs on a host past its JIT warm-up");
            }
            if (database.Options.Provider == DatabaseProvider.Postgres) await CheckpointAsync(database.Options.ConnectionString, ct);
            var cpuBefore = CpuSeconds(host.Id);
            var first = await ImportAsync(http, templateId, csv, log, ct);
            var hostCpu = CpuSeconds(host.Id) - cpuBefore;
            var imported = first.GetProperty("imported").GetInt64();
            var failed = first.GetProperty("failed").GetInt64();
            var importSeconds = Seconds(first);
            log($"imported {imported:N0} (failed {failed:N0}) in {importSeconds:0.0} s: {rows / importSeconds:N0} rows/s; host CPU {hostCpu:0.0} s (upload included)");
            double? replaySeconds = null;
            long? unchanged = null;
            if (replay)
            {
                var again = await ImportAsync(http, templateId, csv, log, ct);
                (replaySeconds, unchanged) = (Seconds(again), again.GetProperty("unchanged").GetInt64());
                log($"replayed: {unchanged:N0} unchanged, {again.GetProperty("imported").GetInt64():N0} imported, in {replaySeconds:0.0} s");
            }
            var peak = Rss(host.Id, "VmHWM:");
            log($"host peak RSS {peak / 1048576.0:N0} MiB (after start {rssAfterStart / 1048576.0:N0} MiB)");

            var importId = first.GetProperty("id").GetGuid();
            var (baseline, baselineSeconds, unkeyedSeconds) = database.Options.Provider == DatabaseProvider.Postgres
                ? ("PostgreSQL binary COPY", await CopyAsync(database.Options.ConnectionString, importId, folder.FullName, keyed: true, ct), await CopyAsync(database.Options.ConnectionString, importId, folder.FullName, keyed: false, ct))
                : ("SQLite prepared INSERT loop", await InsertLoopAsync(database.Options.ConnectionString, importId, ct), (double?)null);
            log($"{baseline}: {imported / baselineSeconds:N0} rows/s{(unkeyedSeconds is { } u ? $"; without the foreign keys: {imported / u:N0} rows/s" : "")}");
            return new ImportBenchResult(database.Options.Provider == DatabaseProvider.Postgres ? "PostgreSQL" : "SQLite", database.Description, rows, fileBytes, new ImportOptions().BatchSizeFor(database.Options.Provider),
                importSeconds, imported, failed, replaySeconds, unchanged, warmUpRows, baseline, baselineSeconds, unkeyedSeconds, peak, rssAfterStart, DateTimeOffset.UtcNow);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<JsonElement> ImportAsync(HttpClient http, Guid templateId, string csv, Action<string> log, CancellationToken ct)
    {
        await using var file = File.OpenRead(csv);
        var content = new StreamContent(file, 1 << 16);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var form = new MultipartFormDataContent { { content, "file", "kobo-export.csv" } };
        var upload = await Json(await http.PostAsync(new Uri($"/api/v1/imports?templateId={templateId}", UriKind.Relative), form, ct), ct);
        var id = upload.GetProperty("id").GetGuid();
        if (upload.GetProperty("missing").GetArrayLength() > 0) throw new InvalidOperationException($"The suggested mapping is incomplete: {upload}");
        await Json(await http.PostAsync(new Uri($"/api/v1/imports/{id}/start", UriKind.Relative), null, ct), ct);
        var lastLog = Stopwatch.GetTimestamp();
        while (true)
        {
            await Task.Delay(500, ct);
            var status = await Json(await http.GetAsync(new Uri($"/api/v1/imports/{id}", UriKind.Relative), ct), ct);
            var state = status.GetProperty("status").GetString();
            if (state is "completed" or "failed")
            {
                if (state == "failed") throw new InvalidOperationException($"The import failed: {status.GetProperty("failure")}");
                return status;
            }
            if (Stopwatch.GetElapsedTime(lastLog).TotalSeconds >= 15)
            {
                log($"  {status.GetProperty("percent").GetInt32()} %: {status.GetProperty("rowsRead").GetInt64():N0} rows read");
                lastLog = Stopwatch.GetTimestamp();
            }
        }
    }

    private static double Seconds(JsonElement status) =>
        (status.GetProperty("finishedAt").GetDateTimeOffset() - status.GetProperty("startedAt").GetDateTimeOffset()).TotalSeconds;

    private static async Task<JsonElement> Json(HttpResponseMessage response, CancellationToken ct)
    {
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>A Kobo export as KoboToolbox writes it (XML names with a group, split select-multiple and GPS columns, metadata).</summary>
    private static async Task GenerateAsync(string path, int first, int rows, List<string> villages, CancellationToken ct)
    {
        var random = new Random(20261201);
        string[] services = ["", "clinic", "helpline", "group", "clinic helpline", "clinic group", "helpline group", "clinic helpline group"];
        string[] water = ["well", "tap", "river"];
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        await writer.WriteAsync(string.Join(',', Header) + "\r\n");
        var line = new StringBuilder(512);
        for (var i = first; i < first + rows; i++)
        {
            var day = 1 + i % 28;
            var chosen = services[random.Next(services.Length)];
            var lat = (22.5 + random.NextDouble()).ToString("0.000000", CultureInfo.InvariantCulture);
            var lon = (76.5 + random.NextDouble()).ToString("0.000000", CultureInfo.InvariantCulture);
            var uuid = new Guid(i, 0x0b0e, 0x4c1a, 0x9d, 0x2f, 0x5e, 0x11, 0x00, 0x00, 0x00, 0x01);
            line.Clear();
            line.Append(CultureInfo.InvariantCulture, $"2026-11-{day:00}T09:{i % 60:00}:00.000+05:30,2026-11-{day:00}T09:{i % 60:00}:30.000+05:30,2026-11-{day:00},collect:bench{i % 50},");
            line.Append(CultureInfo.InvariantCulture, $"{1 + random.Next(12)},{(random.Next(3) == 0 ? "yes" : "no")},{chosen},");
            line.Append(CultureInfo.InvariantCulture, $"{(chosen.Contains("clinic", StringComparison.Ordinal) ? 1 : 0)},{(chosen.Contains("helpline", StringComparison.Ordinal) ? 1 : 0)},{(chosen.Contains("group", StringComparison.Ordinal) ? 1 : 0)},");
            line.Append(CultureInfo.InvariantCulture, $"{water[random.Next(3)]},2026-11-{day:00},{lat} {lon} 450 5,{lat},{lon},450,5,{villages[i % villages.Count]},");
            line.Append(i % 5 == 0 ? "\"Talked about sleep, and the clinic\"" : "");
            line.Append(CultureInfo.InvariantCulture, $",vBench,{i + 1},{uuid},2026-11-{day:00}T04:00:00,,{i + 1}\r\n");
            await writer.WriteAsync(line, ct);
        }
    }

    /// <summary>
    /// The imported rows, exported once (untimed) and written again by binary COPY into a table with the same columns and
    /// indexes (and, when <paramref name="keyed"/>, the same foreign keys, which PostgreSQL checks row by row), three
    /// times; the median. Before each, the table is emptied and the server checkpointed (untimed), and the imported table
    /// vacuumed once, so no write-back or autovacuum left over from the import runs during a timed COPY.
    /// </summary>
    private static async Task<double> CopyAsync(string connectionString, Guid importId, string folder, bool keyed, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        var table = keyed ? "surveys_bench_copy_keyed" : "surveys_bench_copy";
        await connection.ExecuteAsync($"CREATE TABLE {table} (LIKE surveys_response INCLUDING ALL)");
        if (keyed)
        {
            foreach (var key in await connection.QueryAsync<string>("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'surveys_response'::regclass AND contype = 'f'"))
            {
                await connection.ExecuteAsync($"ALTER TABLE {table} ADD {key}");
            }
        }
        var dump = Path.Combine(folder, "rows.bin");
        if (!File.Exists(dump))
        {
            await connection.ExecuteAsync(new CommandDefinition("VACUUM ANALYZE surveys_response", commandTimeout: 600, cancellationToken: ct));
            await using var file = File.Create(dump);
            await using var copyOut = await connection.BeginRawBinaryCopyAsync($"COPY (SELECT * FROM surveys_response WHERE import_id = '{importId}') TO STDOUT (FORMAT BINARY)", ct);
            await copyOut.CopyToAsync(file, ct);
        }
        var seconds = new List<double>();
        for (var round = 0; round < 3; round++)
        {
            await connection.ExecuteAsync($"TRUNCATE {table}");
            await connection.ExecuteAsync(new CommandDefinition("CHECKPOINT", commandTimeout: 600, commandType: System.Data.CommandType.Text, cancellationToken: ct));
            var started = Stopwatch.GetTimestamp();
            await using (var file = File.OpenRead(dump))
            await using (var copyIn = await connection.BeginRawBinaryCopyAsync($"COPY {table} FROM STDIN (FORMAT BINARY)", ct))
            {
                await file.CopyToAsync(copyIn, ct);
            }
            seconds.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
        await connection.ExecuteAsync($"DROP TABLE {table}");
        return seconds.Order().ElementAt(1);
    }

    /// <summary>The imported rows read back and written by one prepared INSERT per row, committed every batch, into a table with the same indexes.</summary>
    private static async Task<double> InsertLoopAsync(string connectionString, Guid importId, CancellationToken ct)
    {
        const string Columns = "id, template_id, template_version, campaign_id, village_id, block_id, district_id, state_id, country_id, region_path, collected_on, latitude, longitude, answers, content_hash, source, import_id, submitted_by, received_at";
        await using var reader = new SqliteConnection(connectionString);
        await using var writer = new SqliteConnection(connectionString);
        await reader.OpenAsync(ct);
        await writer.OpenAsync(ct);
        await writer.ExecuteAsync($"""
            CREATE TABLE surveys_bench_insert ({string.Join(", ", Columns.Split(", ").Select(c => c + " TEXT"))}, PRIMARY KEY (id));
            CREATE INDEX ix_surveys_bench_insert_campaign_village ON surveys_bench_insert (campaign_id, village_id);
            CREATE INDEX ix_surveys_bench_insert_district ON surveys_bench_insert (district_id);
            CREATE INDEX ix_surveys_bench_insert_import ON surveys_bench_insert (import_id);
            """);
        await using var select = reader.CreateCommand();
        select.CommandText = $"SELECT {Columns} FROM surveys_response WHERE import_id = $import";
        select.Parameters.AddWithValue("$import", importId.ToString());
        var started = Stopwatch.GetTimestamp();
        await using var rows = await select.ExecuteReaderAsync(ct);
        var transaction = writer.BeginTransaction();
        await using var insert = writer.CreateCommand();
        insert.Transaction = transaction;
        var names = Columns.Split(", ");
        insert.CommandText = $"INSERT INTO surveys_bench_insert ({Columns}) VALUES ({string.Join(", ", names.Select((_, i) => "$p" + i))})";
        var parameters = names.Select((_, i) => insert.Parameters.Add("$p" + i, SqliteType.Text)).ToArray();
        insert.Prepare();
        var count = 0;
        while (await rows.ReadAsync(ct))
        {
            for (var i = 0; i < parameters.Length; i++) parameters[i].Value = rows.GetValue(i);
            await insert.ExecuteNonQueryAsync(ct);
            if (++count % InsertLoopBatchSize == 0)
            {
                await transaction.CommitAsync(ct);
                transaction = writer.BeginTransaction();
                insert.Transaction = transaction;
            }
        }
        await transaction.CommitAsync(ct);
        return Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    /// <summary>Starts a timed run with no write-back pending from seeding, as the COPY rounds do.</summary>
    private static async Task CheckpointAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("CHECKPOINT", commandTimeout: 600, commandType: System.Data.CommandType.Text, cancellationToken: ct));
    }

    /// <summary>User and system CPU time of a process so far, from /proc (clock ticks are 1/100 s on Linux).</summary>
    private static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    private static long Rss(int pid, string field)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    public static string Markdown(ImportBenchResult r, string? commit, Machine machine)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"### Surveys import on {r.Provider} — measured {r.At:yyyy-MM-dd}{(commit is null ? "" : $" at `{commit}`")}");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{machine}; {r.Database}. A generated Kobo export of {r.Rows:N0} rows ({r.FileBytes / 1048576.0:N0} MiB, 25 columns) uploaded to the Release host and imported by its Hangfire job in batches of {r.BatchSize:N0}; the job's own start and finish times.{(r.WarmUpRows > 0 ? $" Before it, the same host imported {r.WarmUpRows:N0} other rows, so the timed import runs past the JIT's warm-up." : " The host had imported nothing before, so the timed import includes the JIT's warm-up.")}");
        text.AppendLine();
        text.AppendLine("| path | rows | seconds | rows/s |");
        text.AppendLine("|---|---:|---:|---:|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| import (parse, map, validate, hash, store, checkpoint) | {r.Rows:N0} | {r.ImportSeconds:0.0} | {r.ImportRowsPerSecond:N0} |");
        if (r.ReplaySeconds is { } replay) text.AppendLine(CultureInfo.InvariantCulture, $"| the same file again ({r.ReplayUnchanged:N0} unchanged, nothing written) | {r.Rows:N0} | {replay:0.0} | {r.Rows / replay:N0} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| {r.Baseline} of the stored rows{(r.Provider == "PostgreSQL" ? " into a table with the response table's columns, indexes and foreign keys (median of 3)" : "")} | {r.Imported:N0} | {r.BaselineSeconds:0.0} | {r.BaselineRowsPerSecond:N0} |");
        if (r.UnkeyedBaselineSeconds is { } unkeyed) text.AppendLine(CultureInfo.InvariantCulture, $"| the same COPY into a table without the foreign keys (median of 3) | {r.Imported:N0} | {unkeyed:0.0} | {r.Imported / unkeyed:N0} |");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- import / {r.Baseline}: **{r.Ratio:0.00}×**{(r.Provider == "PostgreSQL" ? $" (target ≥ {RatioTarget:0.0}×: {(r.Ratio >= RatioTarget ? "met" : "not met")})" : "")}");
        if (r.UnkeyedRatio is { } unkeyedRatio) text.AppendLine(CultureInfo.InvariantCulture, $"- import / {r.Baseline} without the foreign keys: {unkeyedRatio:0.00}× (PostgreSQL checks each foreign key by a trigger per row)");
        text.AppendLine(CultureInfo.InvariantCulture, $"- host peak RSS (VmHWM): **{r.PeakRssBytes / 1048576.0:N0} MiB** ({r.RssAfterStartBytes / 1048576.0:N0} MiB after start; target ≤ 1 GiB: {(r.PeakRssBytes <= RssTarget ? "met" : "not met")})");
        text.AppendLine(CultureInfo.InvariantCulture, $"- imported {r.Imported:N0}, failed {r.Failed:N0}");
        return text.ToString();
    }
}
