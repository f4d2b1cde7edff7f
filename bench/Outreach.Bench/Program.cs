using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Outreach.Bench;
using Outreach.Host.Infrastructure;
using Outreach.Shared.Data;

if (Environment.GetEnvironmentVariable(BareEndpoints.EnvironmentSwitch) == "1") return await BareEndpoints.RunAsync(args);

const string Usage = """
    Outreach benchmark: full-stack GET /api/v1/villages versus the same SQL through bare Dapper, and host cold start.

      dotnet run -c Release --project bench/Outreach.Bench -- [options]

      --postgres "<connection string>"  PostgreSQL server to create a fresh database on (or env OUTREACH_BENCH_POSTGRES);
                                        default: a fresh SQLite file in a temp folder
      --clients 50                      concurrent clients
      --duration 15                     measured seconds per endpoint per round
      --warmup 3                        warm-up seconds before every measured segment
      --rounds 3                        rounds; each runs both endpoints, order alternating; medians are reported
      --max-requests 1000000            hard cap on requests per segment
      --states 2 --districts 20 --blocks 200 --villages 10000 --users 500 --seed 20261123
      --cold-starts 3                   host launches to time (0 skips)
      --skip-load                       only the cold start
      --keep                            keep the seeded database afterwards (prints where it is)
      --host-dll <path>                 default: src/Outreach.Host/bin/<configuration>/net10.0/Outreach.Host.dll
      --write-docs [path]               write this provider's section of docs/performance.md (or the given file)
      --workloads                       also seed cases and surveys at scale and measure caseload, search and the gap dashboard
      --workloads-only                  only that (no village rounds)
      --people 100000 --visits 500000 --responses 1000000 --workload-clients 8
      --import [rows]                   instead: the Surveys import of a generated Kobo CSV (default 1,000,000 rows) through the
                                        host's API and job, against PostgreSQL COPY (or, on SQLite, a raw prepared insert loop)
      --replay                          with --import: import the same file a second time (every row unchanged)
      --scale                           instead: the scoped lists with 10,000 and with 600,000 villages (PostgreSQL only), and
                                        wrk's /health/live, /api/v1/me and village list throughput against each host
      --probes 200 --wrk-seconds 10     with --scale: sequential requests per list; seconds per wrk run
      --warm-up [rows]                  with --import: first import other rows (default 50,000) so the timed import runs on a warm host
    """;

var options = ParseArguments(args);
if (options is null || options.ContainsKey("help"))
{
    Console.WriteLine(Usage);
    return options is null ? 2 : 0;
}

var clients = Number("clients", 50);
var settings = new LoadSettings(clients, TimeSpan.FromSeconds(Number("warmup", 3, minimum: 0)), TimeSpan.FromSeconds(Number("duration", 15)), Number("rounds", 3), Number("max-requests", 1_000_000));
var plan = new SeedPlan(Number("states", 2), Number("districts", 20), Number("blocks", 200), Number("villages", 10_000), Number("users", 500), Number("seed", 20261123));
var coldStarts = Number("cold-starts", 3, minimum: 0);
var workloadPlan = new WorkloadPlan(Number("people", 100_000), Number("visits", 500_000), Number("responses", 1_000_000), Number("seed", 20261123));
var workloads = options.ContainsKey("workloads") || options.ContainsKey("workloads-only");
var workloadClients = Number("workload-clients", 8);
string? workloadMarkdown = null;
var postgres = options.GetValueOrDefault("postgres") ?? Environment.GetEnvironmentVariable("OUTREACH_BENCH_POSTGRES");
var repoRoot = FindRepoRoot();
var hostDll = Path.GetFullPath(options.GetValueOrDefault("host-dll") ?? Path.Combine(
    repoRoot, "src", "Outreach.Host", "bin", new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0", "Outreach.Host.dll"));
if (!File.Exists(hostDll))
{
    Console.Error.WriteLine($"Host not found at {hostDll}; build it first (dotnet build -c Release src/Outreach.Host) or pass --host-dll.");
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
var ct = cancel.Token;

var machine = Machine.Describe();
var loadBefore = Machine.LoadAverage();
Log($"machine: {machine}; load average {loadBefore}");
Log($"host: {hostDll}");

if (options.ContainsKey("import"))
{
    await using var importDatabase = postgres is null ? BenchDatabase.Sqlite() : await BenchDatabase.PostgresAsync(postgres, ct);
    importDatabase.Keep = options.ContainsKey("keep");
    var importRows = options["import"] is { } rowText ? int.Parse(rowText, CultureInfo.InvariantCulture) : 1_000_000;
    var warmUpRows = options.TryGetValue("warm-up", out var warmUpText) ? (warmUpText is null ? 50_000 : int.Parse(warmUpText, CultureInfo.InvariantCulture)) : 0;
    var imported = await ImportBench.RunAsync(importDatabase, hostDll, plan, importRows, options.ContainsKey("replay"), warmUpRows, Log, ct);
    var importMarkdown = ImportBench.Markdown(imported, Report.GitCommit(repoRoot), machine);
    Console.WriteLine();
    Console.WriteLine(importMarkdown);
    if (options.TryGetValue("write-docs", out var importDocs))
    {
        importDocs = string.IsNullOrEmpty(importDocs) ? Path.Combine(repoRoot, "docs", "performance.md") : Path.GetFullPath(importDocs);
        Report.WriteDocs(importDocs, "import-" + imported.Provider, importMarkdown);
        Log($"wrote {importDocs}");
    }
    return 0;
}

if (options.ContainsKey("scale"))
{
    if (postgres is null)
    {
        Console.Error.WriteLine("--scale needs --postgres (or OUTREACH_BENCH_POSTGRES): 600,000 villages are a PostgreSQL measurement.");
        return 2;
    }
    var runs = await ScaleBench.RunAsync(postgres, hostDll, Number("probes", 200), Number("wrk-seconds", 10), options.ContainsKey("keep"), Log, ct);
    var scaleMarkdown = ScaleBench.Markdown(runs, Report.GitCommit(repoRoot) ?? "unknown", $"{machine}; load average {loadBefore} before, {Machine.LoadAverage()} after");
    Console.WriteLine();
    Console.WriteLine(scaleMarkdown);
    if (options.TryGetValue("write-docs", out var scaleDocs))
    {
        scaleDocs = string.IsNullOrEmpty(scaleDocs) ? Path.Combine(repoRoot, "docs", "performance.md") : Path.GetFullPath(scaleDocs);
        Report.WriteDocs(scaleDocs, "scale-PostgreSQL", scaleMarkdown);
        Log($"wrote {scaleDocs}");
    }
    return 0;
}

LoadRun? load = null;
if (!options.ContainsKey("skip-load"))
{
    await using var database = postgres is null ? BenchDatabase.Sqlite() : await BenchDatabase.PostgresAsync(postgres, ct);
    database.Keep = options.ContainsKey("keep");
    load = await RunLoadAsync(database, ct);
}
var cold = coldStarts > 0 ? await ColdStart.MeasureAsync(hostDll, coldStarts, Log, ct) : null;

var report = new BenchReport(
    postgres is null ? "SQLite" : "PostgreSQL", DateTimeOffset.UtcNow, Report.GitCommit(repoRoot), machine, loadBefore, Machine.LoadAverage(), load, cold);
var markdown = Report.Markdown(report);
if (!options.ContainsKey("workloads-only"))
{
    Console.WriteLine();
    Console.WriteLine(markdown);
}

if (options.TryGetValue("write-docs", out var docsPath))
{
    docsPath = string.IsNullOrEmpty(docsPath) ? Path.Combine(repoRoot, "docs", "performance.md") : Path.GetFullPath(docsPath);
    if (!options.ContainsKey("workloads-only")) Report.WriteDocs(docsPath, report.Provider, markdown);
    if (workloadMarkdown is not null) Report.WriteDocs(docsPath, report.Provider + "-workloads", workloadMarkdown);
    Log($"wrote {docsPath}");
}
return 0;

async Task<LoadRun> RunLoadAsync(BenchDatabase database, CancellationToken cancellationToken)
{
    Log($"database: {database.Description}");
    DatabaseStartup.Migrate(database.Options);
    using var factory = new ConnectionFactory(Options.Create(database.Options));
    var seed = await Seeder.SeedAsync(factory, plan, cancellationToken);
    Log($"seeded {seed.Regions:N0} regions and {seed.Users:N0} users in {seed.Elapsed.TotalSeconds:0.0} s");

    await using var host = HostProcess.Start(hostDll, ScaleBench.HostEnvironment(database.Options));
    // The bare endpoints run in a process of their own, started from this assembly, never in the production host.
    await using var bareHost = HostProcess.Start(typeof(BareEndpoints).Assembly.Location,
        new Dictionary<string, string>(ScaleBench.HostEnvironment(database.Options)) { [BareEndpoints.EnvironmentSwitch] = "1" });
    await bareHost.WaitReadyAsync("/health/live", TimeSpan.FromSeconds(60), cancellationToken);
    // The host listens only after migrating, so /health/live is enough here; /health/ready never answers 200 on
    // PostgreSQL in this build (its check reads an unquoted VersionInfo, which PostgreSQL folds to lower case).
    var ready = await host.WaitReadyAsync("/health/live", TimeSpan.FromSeconds(60), cancellationToken);
    Log($"host ready at {host.BaseAddress} after {ready.TotalMilliseconds:0} ms");

    using var http = LoadRunner.CreateClient(host.BaseAddress, settings.Clients);
    using var tokenResponse = await http.PostAsJsonAsync(
        new Uri("/api/v1/auth/tokens", UriKind.Relative),
        new { username = Seeder.BenchUsername, password = Seeder.BenchPassword, deviceName = "bench" },
        cancellationToken);
    if (!tokenResponse.IsSuccessStatusCode)
    {
        throw new InvalidOperationException($"POST /api/v1/auth/tokens answered {(int)tokenResponse.StatusCode}: {await tokenResponse.Content.ReadAsStringAsync(cancellationToken)}");
    }
    using var issued = await JsonDocument.ParseAsync(await tokenResponse.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
    var token = issued.RootElement.GetProperty("token").GetString();
    var bearer = new AuthenticationHeaderValue("Bearer", token);

    var pages = Math.Max(1, (seed.BenchVillages + 49) / 50);
    var bareUrls = Enumerable.Range(1, pages).Select(p => new Uri(bareHost.BaseAddress, $"/bench/bare/villages?userId={seed.BenchUserId}&page={p}")).ToArray();
    var fullUrls = Enumerable.Range(1, pages).Select(p => new Uri($"/api/v1/villages?page={p}&pageSize=50", UriKind.Relative)).ToArray();
    var bare = new Endpoint(Report.Bare, "bare Dapper", n => new HttpRequestMessage(HttpMethod.Get, bareUrls[n % pages]));
    var full = new Endpoint(Report.Full, "full stack", n =>
    {
        var request = new HttpRequestMessage(HttpMethod.Get, fullUrls[n % pages]);
        request.Headers.Authorization = bearer;
        return request;
    });

    await EnsureSameAnswerAsync(http, bare, full, cancellationToken);
    var unloaded = await LoadRunner.ProbeAsync(http, [bare, full], 100, cancellationToken);
    Log($"unloaded p50: bare {unloaded[Report.Bare]:0.00} ms, full {unloaded[Report.Full]:0.00} ms");

    if (workloads)
    {
        var workloadSeed = await WorkloadSeeder.SeedAsync(factory, seed.BenchUserId, workloadPlan, Log, cancellationToken);
        using var managerResponse = await http.PostAsJsonAsync(new Uri("/api/v1/auth/tokens", UriKind.Relative),
            new { username = WorkloadSeeder.ManagerUsername, password = Seeder.BenchPassword, deviceName = "bench" }, cancellationToken);
        using var managerIssued = await JsonDocument.ParseAsync(await managerResponse.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        var workloadSettings = settings with { Duration = TimeSpan.FromSeconds(Number("workload-duration", 10)) };
        var workloadResults = await WorkloadRunner.RunAsync(http, bareHost.BaseAddress, seed.BenchUserId, token!, workloadSeed, managerIssued.RootElement.GetProperty("token").GetString()!,
            workloadClients, workloadSettings, Log, cancellationToken);
        workloadMarkdown = WorkloadRunner.Markdown(database.Options.Provider == DatabaseProvider.Postgres ? "PostgreSQL" : "SQLite", workloadSeed, workloadClients, workloadSettings, workloadResults);
        Console.WriteLine(workloadMarkdown);
        if (options.ContainsKey("workloads-only")) return new LoadRun(database.Description, plan, seed, pages, settings, [], unloaded, null);
    }

    var results = new List<LoadResult>();
    var cpu = CpuShare.Start(() => host.CpuTime, database.Postmaster);
    for (var round = 1; round <= settings.Rounds; round++)
    {
        foreach (var endpoint in round % 2 == 1 ? new[] { bare, full } : [full, bare])
        {
            await LoadRunner.RunAsync(http, endpoint, settings.Clients, settings.Warmup, settings.MaxRequests, cancellationToken);
            var result = await LoadRunner.RunAsync(http, endpoint, settings.Clients, settings.Duration, settings.MaxRequests, cancellationToken);
            results.Add(result);
            Log($"round {round} {endpoint.Label,-11}: {result.RequestsPerSecond,7:0} req/s  p50 {result.P50,6:0.0}  p95 {result.P95,6:0.0}  p99 {result.P99,6:0.0} ms  errors {result.Errors}");
        }
    }
    var share = cpu();
    return new LoadRun(database.Description, plan, seed, pages, settings, results, unloaded, share);
}

static async Task EnsureSameAnswerAsync(HttpClient http, Endpoint bare, Endpoint full, CancellationToken cancellationToken)
{
    using var bareRequest = bare.Request(0);
    using var fullRequest = full.Request(0);
    using var bareResponse = await http.SendAsync(bareRequest, cancellationToken);
    using var fullResponse = await http.SendAsync(fullRequest, cancellationToken);
    var bareBody = await bareResponse.Content.ReadAsStringAsync(cancellationToken);
    var fullBody = await fullResponse.Content.ReadAsStringAsync(cancellationToken);
    if (!bareResponse.IsSuccessStatusCode || !fullResponse.IsSuccessStatusCode || bareBody != fullBody)
    {
        throw new InvalidOperationException(
            $"The endpoints disagree on page 1, so comparing them would be meaningless.\nbare {(int)bareResponse.StatusCode}: {Truncate(bareBody)}\nfull {(int)fullResponse.StatusCode}: {Truncate(fullBody)}");
    }
    Log($"page 1 is identical on both endpoints ({bareBody.Length:N0} bytes)");
}

static string Truncate(string text) => text.Length <= 600 ? text : text[..600] + "…";

static void Log(string message) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");

int Number(string name, int fallback, int minimum = 1)
{
    if (!options.TryGetValue(name, out var text)) return fallback;
    if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= minimum) return value;
    throw new ArgumentException($"--{name} needs a whole number of at least {minimum}, not '{text}'.");
}

static Dictionary<string, string?>? ParseArguments(string[] args)
{
    var parsed = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
    for (var i = 0; i < args.Length; i++)
    {
        if (!args[i].StartsWith("--", StringComparison.Ordinal)) return null;
        var hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
        parsed[args[i][2..]] = hasValue ? args[++i] : null;
    }
    return parsed;
}

static string FindRepoRoot()
{
    foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Outreach.sln"))) return dir.FullName;
        }
    }
    throw new InvalidOperationException("Run the benchmark from inside the Outreach repository (no Outreach.sln found above the current folder).");
}
