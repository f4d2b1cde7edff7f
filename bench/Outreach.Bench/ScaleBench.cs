using System.Data;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.Options;
using NpgsqlTypes;
using Outreach.Cases.People;
using Outreach.Host.Infrastructure;
using Outreach.Shared.Data;

namespace Outreach.Bench;

public sealed record ScaleSize(string Label, SeedPlan Plan);

public sealed record ScaleLatency(string Endpoint, string Caller, double P50, double P95);

public sealed record ThroughputResult(string Endpoint, double RequestsPerSecond, long Non2xx);

public sealed record ScaleRun(ScaleSize Size, SeedResult Seed, TimeSpan PlacesSeeded, IReadOnlyList<ScaleLatency> Latency, IReadOnlyList<ThroughputResult> Throughput);

/// <summary>
/// One run, two countries: the same lists for a worker (and a coordinator) assigned one district of about 500
/// villages, in a tree of 10,000 and of 600,000 villages, each on its own PostgreSQL database and host; plus, against
/// each host, wrk's throughput of <c>/health/live</c>, <c>/api/v1/me</c> and the village list, so the full stack is
/// reported as a share of what the bare web stack serves on the same machine at the same moment.
/// </summary>
public static class ScaleBench
{
    public static readonly ScaleSize[] Sizes =
    [
        new("10,000 villages", new SeedPlan(2, 20, 200, 10_000, 500, 20261206)),
        new("600,000 villages", new SeedPlan(30, 1_200, 12_000, 600_000, 5_000, 20261206)),
    ];

    private static readonly BulkColumn[] Ancestry =
    [
        new("village_id", NpgsqlDbType.Uuid), new("block_id", NpgsqlDbType.Uuid), new("district_id", NpgsqlDbType.Uuid),
        new("state_id", NpgsqlDbType.Uuid), new("country_id", NpgsqlDbType.Uuid), new("region_path", NpgsqlDbType.Varchar),
    ];

    private sealed record Village
    {
        public required Guid Id { get; init; }
        public required string Path { get; init; }
    }

    public static async Task<IReadOnlyList<ScaleRun>> RunAsync(string postgres, string hostDll, int probes, int wrkSeconds, bool keep, Action<string> log, CancellationToken cancellationToken)
    {
        var runs = new List<ScaleRun>();
        foreach (var size in Sizes)
        {
            await using var database = await BenchDatabase.PostgresAsync(postgres, cancellationToken);
            database.Keep = keep;
            log($"{size.Label}: {database.Description}");
            DatabaseStartup.Migrate(database.Options);
            using var factory = new ConnectionFactory(Options.Create(database.Options));
            var seed = await Seeder.SeedAsync(factory, size.Plan, cancellationToken);
            log($"{size.Label}: seeded {seed.Regions:N0} regions and {seed.Users:N0} users in {seed.Elapsed.TotalSeconds:0.0} s");
            var places = await SeedPeopleAndGapsAsync(factory, seed.BenchUserId, cancellationToken);
            log($"{size.Label}: seeded a person and a gap in every village in {places.TotalSeconds:0.0} s");

            await using var host = HostProcess.Start(hostDll, HostEnvironment(database.Options));
            await host.WaitReadyAsync("/health/live", TimeSpan.FromSeconds(120), cancellationToken);
            using var http = LoadRunner.CreateClient(host.BaseAddress, 4);
            var worker = await TokenAsync(http, Seeder.BenchUsername, cancellationToken);
            var coordinator = await TokenAsync(http, Seeder.BenchCoordinator, cancellationToken);
            var pages = Math.Max(1, (seed.BenchVillages + 49) / 50);

            (string Name, string Caller, string Token, Func<long, string> Url)[] lists =
            [
                ("Villages, page K (`GET /api/v1/villages?page=K`)", "worker", worker, n => $"/api/v1/villages?page={n % pages + 1}&pageSize=50"),
                ("Village search \"pur\" (`GET /api/v1/villages?search=pur`)", "worker", worker, _ => "/api/v1/villages?search=pur&pageSize=50"),
                ("Regions: the district's coverage (`GET /api/v1/regions/{district}/coverage`)", "worker", worker, _ => $"/api/v1/regions/{seed.BenchDistrictId}/coverage"),
                ("Users (`GET /api/v1/users`)", "coordinator", coordinator, _ => "/api/v1/users?pageSize=50"),
                ("People (`GET /api/v1/people`)", "worker", worker, _ => "/api/v1/people?pageSize=50"),
                ("Gaps (`GET /api/v1/gaps`)", "worker", worker, _ => "/api/v1/gaps?pageSize=50"),
            ];
            // Every list once before any is measured, so the first does not carry the host's warm-up alone.
            foreach (var (name, caller, token, url) in lists) await ProbeAsync(http, name, caller, token, url, 20, cancellationToken);
            var latency = new List<ScaleLatency>();
            foreach (var (name, caller, token, url) in lists)
            {
                latency.Add(await ProbeAsync(http, name, caller, token, url, probes, cancellationToken));
                log($"{size.Label}: {name}: p50 {latency[^1].P50:0.00} ms, p95 {latency[^1].P95:0.00} ms");
            }

            var throughput = new List<ThroughputResult>();
            foreach (var (name, path, token) in new (string, string, string?)[]
            {
                ("`/health/live`", "/health/live", null),
                ("`/api/v1/me` + bearer token", "/api/v1/me", worker),
                ("`/api/v1/villages?page=1` + bearer token", "/api/v1/villages?page=1&pageSize=50", worker),
            })
            {
                var result = await WrkAsync(host.BaseAddress, name, path, token, wrkSeconds, cancellationToken);
                throughput.Add(result);
                log($"{size.Label}: wrk {name}: {result.RequestsPerSecond:0} req/s, non-2xx {result.Non2xx}");
            }
            runs.Add(new ScaleRun(size, seed, places, latency, throughput));
        }
        return runs;
    }

    public static Dictionary<string, string> HostEnvironment(DatabaseOptions database) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Benchmark",
        ["Database__Provider"] = database.Provider.ToString(),
        ["Database__ConnectionString"] = database.ConnectionString,
        ["DemoData__Enabled"] = "false",
        ["Jobs__RunServer"] = "false",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Serilog__MinimumLevel__Default"] = "Warning",
        ["Serilog__MinimumLevel__Override__Microsoft.AspNetCore"] = "Warning",
        ["Serilog__MinimumLevel__Override__Microsoft.Hosting.Lifetime"] = "Warning",
    };

    private static async Task<string> TokenAsync(HttpClient http, string username, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(new Uri("/api/v1/auth/tokens", UriKind.Relative),
            new { username, password = Seeder.BenchPassword, deviceName = "bench" }, cancellationToken);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"POST /api/v1/auth/tokens for {username} answered {(int)response.StatusCode}");
        using var issued = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        return issued.RootElement.GetProperty("token").GetString()!;
    }

    /// <summary>Sequential requests after a short warm-up: the latency one caller sees on an otherwise idle host.</summary>
    private static async Task<ScaleLatency> ProbeAsync(HttpClient http, string name, string caller, string token, Func<long, string> url, int probes, CancellationToken cancellationToken)
    {
        var samples = new List<double>(probes);
        for (var i = -20; i < probes; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url(Math.Max(i, 0)), UriKind.Relative));
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            var sent = Stopwatch.GetTimestamp();
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{name} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            if (i >= 0) samples.Add(elapsed);
        }
        samples.Sort();
        return new ScaleLatency(name, caller, samples[samples.Count / 2], samples[(int)Math.Ceiling(0.95 * samples.Count) - 1]);
    }

    /// <summary>wrk, 2 threads and 50 connections on loopback, for a bounded time; non-2xx answers are counted apart.</summary>
    public static async Task<ThroughputResult> WrkAsync(Uri baseAddress, string name, string path, string? token, int seconds, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-t2", "-c50", $"-d{seconds}s", "--latency" }) info.ArgumentList.Add(arg);
        if (token is not null)
        {
            info.ArgumentList.Add("-H");
            info.ArgumentList.Add($"Authorization: Bearer {token}");
        }
        info.ArgumentList.Add(new Uri(baseAddress, path).ToString());
        using var process = Process.Start(info) ?? throw new InvalidOperationException("wrk did not start; install it (apt-get install wrk).");
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var rate = Regex.Match(output, @"Requests/sec:\s+([\d.]+)");
        if (!rate.Success) throw new InvalidOperationException($"wrk printed no rate for {path}:\n{output}{await process.StandardError.ReadToEndAsync(cancellationToken)}");
        var non2xx = Regex.Match(output, @"Non-2xx or 3xx responses:\s+(\d+)");
        return new ThroughputResult(name, double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture), non2xx.Success ? long.Parse(non2xx.Groups[1].Value, CultureInfo.InvariantCulture) : 0);
    }

    /// <summary>A person and a tracked gap in every village; the bench worker carries the people of their district.</summary>
    private static async Task<TimeSpan> SeedPeopleAndGapsAsync(ConnectionFactory factory, Guid benchUserId, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var now = DateTimeOffset.UtcNow;
        await using var connection = await factory.OpenAsync(cancellationToken);
        var villages = (await connection.QueryAsync<Village>("SELECT id, path FROM org_region WHERE level = 5 ORDER BY path")).ToArray();
        var otherWorker = Guid.CreateVersion7();
        object?[] AncestryOf(Village village)
        {
            var ids = village.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(id => (object?)Guid.ParseExact(id, "N")).ToArray();
            return [ids[4], ids[3], ids[2], ids[1], ids[0], village.Path];
        }
        await BulkWriter.WriteAsync(connection, "cases_person",
        [
            new("id", NpgsqlDbType.Uuid), new("reference", NpgsqlDbType.Varchar), new("given_name", NpgsqlDbType.Varchar), new("family_name", NpgsqlDbType.Varchar),
            new("search_key", NpgsqlDbType.Varchar), new("status", NpgsqlDbType.Varchar), .. Ancestry, new("assigned_worker_id", NpgsqlDbType.Uuid), new("content_hash", NpgsqlDbType.Varchar),
            new("version", NpgsqlDbType.Integer), new("created_by", NpgsqlDbType.Uuid), new("created_at", NpgsqlDbType.TimestampTz), new("updated_at", NpgsqlDbType.TimestampTz),
        ], villages.Select((v, i) => (object?[])[Guid.CreateVersion7(), $"P-{i:D8}", "Asha", $"Family {i % 997}", NameKey.For("Asha", $"Family {i % 997}"), "open", .. AncestryOf(v), otherWorker, "bench", 1, otherWorker, now, now]),
            cancellationToken);
        await BulkWriter.WriteAsync(connection, "surveys_gap",
        [
            new("id", NpgsqlDbType.Uuid), new("category", NpgsqlDbType.Varchar), .. Ancestry, new("state", NpgsqlDbType.Varchar), new("origin", NpgsqlDbType.Varchar),
            new("reported_by", NpgsqlDbType.Uuid), new("reported_at", NpgsqlDbType.TimestampTz), new("updated_at", NpgsqlDbType.TimestampTz), new("version", NpgsqlDbType.Integer),
        ], villages.Select(v => (object?[])[Guid.CreateVersion7(), "support-group", .. AncestryOf(v), "reported", "rule", otherWorker, now, now, 1]), cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("ANALYZE", commandType: CommandType.Text, commandTimeout: 600, cancellationToken: cancellationToken));
        _ = benchUserId;
        return Stopwatch.GetElapsedTime(started);
    }

    public static string Markdown(IReadOnlyList<ScaleRun> runs, string commit, string machine)
    {
        var text = new StringBuilder();
        var small = runs[0];
        var large = runs[^1];
        text.AppendLine("### Region scope at country size, PostgreSQL");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- **Run**: {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, commit `{commit}`; {machine}");
        foreach (var run in runs)
        {
            var plan = run.Size.Plan;
            text.AppendLine(CultureInfo.InvariantCulture,
                $"- **{run.Size.Label}**: {plan.States} states, {plan.Districts:N0} districts, {plan.Blocks:N0} blocks, {plan.Villages:N0} villages ({run.Seed.Regions:N0} regions), {run.Seed.Users:N0} users, a person and a gap in every village; the callers' district holds {run.Seed.BenchVillages} villages. Regions and users seeded in {run.Seed.Elapsed.TotalSeconds:0.0} s, people and gaps in {run.PlacesSeeded.TotalSeconds:0.0} s (binary COPY).");
        }
        text.AppendLine();
        text.AppendLine("Latency, one caller at a time on an idle host (sequential requests after 20 warm-up requests):");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"| list | caller | p50 ms at {small.Size.Label} | p50 ms at {large.Size.Label} | p95 ms at {small.Size.Label} | p95 ms at {large.Size.Label} | p50 ratio (target ≤ 1.5×) |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|");
        for (var i = 0; i < small.Latency.Count; i++)
        {
            var (a, b) = (small.Latency[i], large.Latency[i]);
            var ratio = b.P50 / a.P50;
            text.AppendLine(CultureInfo.InvariantCulture, $"| {a.Endpoint} | {a.Caller} | {a.P50:0.00} | {b.P50:0.00} | {a.P95:0.00} | {b.P95:0.00} | {ratio:0.00}× {(ratio <= 1.5 ? "met" : "missed")} |");
        }
        text.AppendLine();
        text.AppendLine("Throughput with wrk (2 threads, 50 connections, loopback), each host measured right after its lists:");
        text.AppendLine();
        text.AppendLine("| tree | endpoint | requests/s | non-2xx | share of `/health/live` (target ≥ 0.1×) |");
        text.AppendLine("|---|---|---:|---:|---:|");
        foreach (var run in runs)
        {
            var live = run.Throughput[0].RequestsPerSecond;
            foreach (var t in run.Throughput)
            {
                var share = t.RequestsPerSecond / live;
                text.AppendLine(CultureInfo.InvariantCulture, $"| {run.Size.Label} | {t.Endpoint} | {t.RequestsPerSecond:0} | {t.Non2xx} | {(t == run.Throughput[0] ? "1" : $"{share:0.000}× {(share >= 0.1 ? "met" : "missed")}")} |");
            }
        }
        return text.ToString();
    }
}
