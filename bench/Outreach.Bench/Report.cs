using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Outreach.Bench;

public sealed record Machine(int Cores, string Cpu, double MemoryGiB, string Os, string DotNet)
{
    public static Machine Describe()
    {
        var cpu = ReadField("/proc/cpuinfo", "model name", ':') ?? RuntimeInformation.ProcessArchitecture.ToString();
        var memory = ReadField("/proc/meminfo", "MemTotal", ':') is { } kb && long.TryParse(kb.Split(' ')[0], CultureInfo.InvariantCulture, out var kib)
            ? kib / 1024.0 / 1024.0
            : GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024.0 / 1024.0 / 1024.0;
        var os = (ReadField("/etc/os-release", "PRETTY_NAME", '=')?.Trim('"') ?? RuntimeInformation.OSDescription) + $", kernel {Environment.OSVersion.Version}";
        return new Machine(Environment.ProcessorCount, cpu, memory, os, RuntimeInformation.FrameworkDescription);
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    public override string ToString() =>
        Invariant($"{Cores} cores ({Cpu}), {MemoryGiB:0.0} GiB RAM, {Os}, {DotNet}");

    private static string? ReadField(string file, string name, char separator)
    {
        if (!File.Exists(file)) return null;
        var line = File.ReadLines(file).FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal));
        return line?[(line.IndexOf(separator, StringComparison.Ordinal) + 1)..].Trim();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// Where the machine's CPU went during the load: the host, this load generator, the PostgreSQL server under test when it
/// runs on this machine (its postmaster and children), everything else, idle. Shares of all cores.
/// </summary>
public sealed record CpuShare(double Host, double Bench, double Database, double Other, double Idle)
{
    public static Func<CpuShare?> Start(Func<TimeSpan> hostCpu, int? postmaster)
    {
        var machine = ReadProcStat();
        var host = hostCpu();
        var bench = Process.GetCurrentProcess().TotalProcessorTime;
        var database = PostgresCpu(postmaster);
        return () =>
        {
            if (machine is not { } then || ReadProcStat() is not { } now || now.Total <= then.Total) return null;
            var capacity = (now.Total - then.Total) / 100.0;
            var hostShare = (hostCpu() - host).TotalSeconds / capacity;
            var benchShare = (Process.GetCurrentProcess().TotalProcessorTime - bench).TotalSeconds / capacity;
            // Backends that started during the run count from zero; ones that ended during it are missed (the pool keeps them).
            var databaseShare = PostgresCpu(postmaster).Sum(p => (p.Value - database.GetValueOrDefault(p.Key)).TotalSeconds) / capacity;
            var busyShare = (now.Busy - then.Busy) / (now.Total - then.Total);
            return new CpuShare(hostShare, benchShare, databaseShare, Math.Max(0, busyShare - hostShare - benchShare - databaseShare), 1 - busyShare);
        };
    }

    private static Dictionary<int, TimeSpan> PostgresCpu(int? postmaster)
    {
        var cpu = new Dictionary<int, TimeSpan>();
        if (postmaster is null) return cpu;
        foreach (var process in Process.GetProcesses())
        {
            using (process)
            {
                try
                {
                    if (process.Id != postmaster && ParentId(process.Id) != postmaster) continue;
                    cpu[process.Id] = process.TotalProcessorTime;
                }
                catch (InvalidOperationException)
                {
                    // Exited meanwhile.
                }
            }
        }
        return cpu;
    }

    public static int? ParentId(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("PPid:", StringComparison.Ordinal));
            return line is not null && int.TryParse(line[5..].Trim(), CultureInfo.InvariantCulture, out var parent) ? parent : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>All CPUs' busy and total time from /proc/stat, in clock ticks (100 per second).</summary>
    private static (double Busy, double Total)? ReadProcStat()
    {
        if (!File.Exists("/proc/stat")) return null;
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
            .Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var total = fields.Sum();
        return (total - fields[3] - fields[4], total);
    }
}

public sealed record LoadSettings(int Clients, TimeSpan Warmup, TimeSpan Duration, int Rounds, long MaxRequests);

public sealed record LoadRun(
    string DatabaseDescription,
    SeedPlan Plan,
    SeedResult Seed,
    int Pages,
    LoadSettings Settings,
    IReadOnlyList<LoadResult> Results,
    IReadOnlyDictionary<string, double> Unloaded,
    CpuShare? Cpu);

public sealed record BenchReport(
    string Provider,
    DateTimeOffset Date,
    string? Commit,
    Machine Machine,
    string LoadBefore,
    string LoadAfter,
    LoadRun? Load,
    IReadOnlyList<TimeSpan>? ColdStarts);

public static class Report
{
    public const string Bare = "bare";
    public const string Full = "full";
    public const double ThroughputTarget = 0.8;
    public const double P95TargetMs = 300;
    public const double ColdStartTargetSeconds = 1.5;

    public static string Markdown(BenchReport report)
    {
        var md = new StringBuilder();
        void Line(FormattableString text) => md.Append(text.ToString(CultureInfo.InvariantCulture)).Append('\n');

        Line($"### {report.Provider}");
        Line($"");
        Line($"- **Run**: {report.Date:yyyy-MM-dd HH:mm} UTC{(report.Commit is null ? "" : $", commit `{report.Commit}`")}");
        Line($"- **Machine**: {report.Machine}; load average (1, 5, 15 min) {report.LoadBefore} before, {report.LoadAfter} after");

        var load = report.Load;
        double? ratio = null;
        double? fullP95 = null;
        if (load is not null)
        {
            var plan = load.Plan;
            var settings = load.Settings;
            Line($"- **Database**: {load.DatabaseDescription}");
            Line($"- **Data**: 1 country, {plan.States} states, {plan.Districts} districts, {plan.Blocks:N0} blocks, {plan.Villages:N0} villages ({load.Seed.Regions:N0} regions); {load.Seed.Users:N0} users; the bench worker's district holds {load.Seed.BenchVillages:N0} villages ({load.Pages} pages of 50, cycled). Seeded in {load.Seed.Elapsed.TotalSeconds:0.0} s.");
            Line($"- **Load**: {settings.Clients} concurrent clients, closed loop; {settings.Rounds} rounds, each endpoint per round {settings.Warmup.TotalSeconds:0} s warm-up + {settings.Duration.TotalSeconds:0} s measured (cap {settings.MaxRequests:N0} requests), order alternating between rounds; figures are medians across rounds, the ratio is the median of the per-round ratios.");
            if (load.Cpu is { } cpu)
            {
                var database = cpu.Database > 0.005 ? Invariant($"PostgreSQL {cpu.Database:P0}, ") : "";
                Line($"- **CPU during the load rounds** (warm-ups included; share of all cores): host {cpu.Host:P0}, load generator {cpu.Bench:P0}, {database}other processes {cpu.Other:P0}, idle {cpu.Idle:P0}.");
                if (cpu.Other > 0.15)
                {
                    Line($"- **Noisy run**: other processes took {cpu.Other:P0} of the CPU while this ran; absolute figures are low and the rounds disagree more.");
                }
            }
            Line($"");

            var bare = load.Results.Where(r => r.Endpoint == Bare).ToList();
            var full = load.Results.Where(r => r.Endpoint == Full).ToList();
            Line($"| endpoint | requests/s | p50 ms | p95 ms | p99 ms | errors | requests | unloaded p50 ms |");
            Line($"|---|---:|---:|---:|---:|---:|---:|---:|");
            Row(md, "bare Dapper `GET /bench/bare/villages?userId=…&page=K`", bare, load.Unloaded.GetValueOrDefault(Bare));
            Row(md, "full stack `GET /api/v1/villages?page=K` + bearer token", full, load.Unloaded.GetValueOrDefault(Full));
            Line($"");

            Line($"Per round — requests/s (p95 ms):");
            Line($"");
            Line($"| round | bare | full | full/bare |");
            Line($"|---:|---:|---:|---:|");
            for (var i = 0; i < Math.Min(bare.Count, full.Count); i++)
            {
                Line($"| {i + 1} | {bare[i].RequestsPerSecond:0} ({bare[i].P95:0.0}) | {full[i].RequestsPerSecond:0} ({full[i].P95:0.0}) | {full[i].RequestsPerSecond / bare[i].RequestsPerSecond:0.00} |");
            }
            Line($"");

            // Each round's two segments run back to back, so the per-round ratio is paired; its median resists drift between rounds.
            ratio = LoadRunner.Median(bare.Zip(full, (b, f) => f.RequestsPerSecond / b.RequestsPerSecond));
            fullP95 = LoadRunner.Median(full.Select(r => r.P95));
        }

        double? coldMedian = report.ColdStarts is { Count: > 0 } cold ? LoadRunner.Median(cold.Select(t => t.TotalSeconds)) : null;
        Line($"| target | measured | verdict |");
        Line($"|---|---:|---|");
        if (ratio is { } r) Line($"| full-stack throughput ≥ {ThroughputTarget:0.0}× bare | {r:0.00}× | {Verdict(r >= ThroughputTarget)} |");
        if (fullP95 is { } p95) Line($"| full-stack p95 ≤ {P95TargetMs:0} ms at {load!.Settings.Clients} clients | {p95:0.0} ms | {Verdict(p95 <= P95TargetMs)} |");
        if (coldMedian is { } c)
        {
            var runs = string.Join(", ", report.ColdStarts!.Select(t => t.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)));
            Line($"| cold start ≤ {ColdStartTargetSeconds:0.0} s (`dotnet Outreach.Host.dll`, Development, fresh SQLite, demo data; median of {runs} s) | {c:0.00} s | {Verdict(c <= ColdStartTargetSeconds)} |");
        }
        Line($"");

        if (load is not null)
        {
            var bareRps = LoadRunner.Median(load.Results.Where(x => x.Endpoint == Bare).Select(x => x.RequestsPerSecond));
            var fullRps = LoadRunner.Median(load.Results.Where(x => x.Endpoint == Full).Select(x => x.RequestsPerSecond));
            var extraMs = report.Machine.Cores * (1 / fullRps - 1 / bareRps) * 1000;
            var bareUnloaded = load.Unloaded.GetValueOrDefault(Bare);
            var fullUnloaded = load.Unloaded.GetValueOrDefault(Full);
            var saturation = extraMs > 0
                ? Invariant($"at saturation the {report.Machine.Cores} cores spend about {extraMs:0.00} ms more per full-stack request ({report.Machine.Cores} cores ÷ requests/s, load generator included)")
                : "at saturation the extra cost per full-stack request is below what this run can resolve";
            Line($"Reading (computed from this run): the full stack serves {ratio:0.00}× the bare endpoint's throughput (median of the per-round ratios); {saturation}. One request at a time the bare endpoint answers in {bareUnloaded:0.00} ms and the full stack in {fullUnloaded:0.00} ms ({fullUnloaded - bareUnloaded:+0.00;-0.00} ms).");
            Line($"");
        }
        return md.ToString();
    }

    /// <summary>Replaces this provider's generated section of the doc, keeping everything written around it.</summary>
    public static void WriteDocs(string path, string provider, string section)
    {
        var start = $"<!-- bench:{provider}:start -->";
        var end = $"<!-- bench:{provider}:end -->";
        var doc = File.Exists(path) ? File.ReadAllText(path) : Skeleton;
        var from = doc.IndexOf(start, StringComparison.Ordinal);
        var to = doc.IndexOf(end, StringComparison.Ordinal);
        var generated = start + "\n" + section.TrimEnd() + "\n" + end;
        doc = from >= 0 && to > from
            ? string.Concat(doc.AsSpan(0, from), generated, doc.AsSpan(to + end.Length))
            : doc.TrimEnd() + "\n\n" + generated + "\n";
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, doc.ReplaceLineEndings("\n"));
    }

    public static string? GitCommit(string repoRoot)
    {
        try
        {
            var info = new ProcessStartInfo("git", ["-C", repoRoot, "rev-parse", "--short", "HEAD"]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var git = Process.Start(info)!;
            var commit = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 && commit.Length > 0 ? commit : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static void Row(StringBuilder md, string label, IReadOnlyList<LoadResult> runs, double unloaded) =>
        md.Append(CultureInfo.InvariantCulture, $"| {label} | {LoadRunner.Median(runs.Select(r => r.RequestsPerSecond)):0} | {LoadRunner.Median(runs.Select(r => r.P50)):0.0} | {LoadRunner.Median(runs.Select(r => r.P95)):0.0} | {LoadRunner.Median(runs.Select(r => r.P99)):0.0} | {runs.Sum(r => r.Errors):N0} | {runs.Sum(r => r.Requests):N0} | {unloaded:0.00} |\n");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Verdict(bool met) => met ? "**met**" : "**missed**";

    private const string Skeleton = """
        # Performance

        What the full request pipeline costs on top of the database, and how long the host takes to start. Every figure
        under *Results* is written by the benchmark harness from a real run
        (`dotnet run -c Release --project bench/Outreach.Bench -- --write-docs`; see `bench/README.md`); the
        *Interpretation* is written by hand from those figures.

        ## Targets

        - The full stack (`GET /api/v1/villages`: bearer-token authentication, mediator pipeline with tracing, validation,
          transaction and audit behaviors, the handler's SQL) serves at least **0.8×** the throughput of the same SQL behind a
          bare Dapper endpoint (`GET /bench/bare/villages`, mapped only in the `Benchmark` environment).
        - **p95 ≤ 300 ms** for the full stack at 50 concurrent clients.
        - **Cold start ≤ 1.5 s**: `dotnet Outreach.Host.dll` to the first 200 from `/health/ready`.

        ## Method

        - The harness launches the Release build of `Outreach.Host.dll` as a child process on a free 127.0.0.1 port, in the
          `Benchmark` environment, with log levels at Warning, demo data and the Hangfire server off. A child process rather
          than an in-process `WebApplicationFactory`: the host then runs with its own runtime settings (server GC, as deployed),
          its own thread pool and heap, apart from the load generator.
        - Before the host starts, the harness applies the app's migrations and seeds a region tree and users with Bogus
          (Indian place names, most villages with a Devanagari local name) through the app's `ConnectionFactory` and Dapper in
          one transaction. All users share one password hash made once with ASP.NET Core Identity's `PasswordHasher`. A bench
          outreach worker is assigned one district; its token comes from the real `POST /api/v1/auth/tokens`.
        - Before measuring, page 1 from both endpoints is compared byte for byte, so both sides do the same work.
        - Load is a closed loop in C#: N clients over `HttpClient` (HTTP/1.1 keep-alive), each sending the next request when the
          previous body has been read; pages cycle through the worker's villages. Endpoints alternate (bare, full, then full,
          bare, …) with a warm-up before every measured segment; the table gives the median of the rounds, and the ratio is the
          median of the per-round full/bare ratios (each round's two segments run back to back). Latency is from send
          to the end of the body; throughput counts only 200 responses; any other status or a failure is an error.
        - "Unloaded" latency is the median of 100 sequential requests per endpoint, interleaved.
        - Cold start launches `dotnet Outreach.Host.dll --urls …` with `ASPNETCORE_ENVIRONMENT=Development`, a fresh SQLite file,
          demo data on and the Hangfire server at its default (on), polls `/health/ready` every 20 ms, and kills the process
          after the first 200; median of three launches.
        - The load generator shares the machine with the host, so absolute figures are lower than on a dedicated server; the
          ratio is what the harness is for. On a shared 2-core machine, other work (builds, test runs) adds noise. Each run
          records where the CPU went during the load (host, load generator, the local PostgreSQL server, other processes,
          idle; from /proc) and flags the run as noisy when other processes took more than 15 %. The load average is recorded
          too, but on PostgreSQL it counts the server's 50 busy backends, so it overstates noise there.

        ## Results

        <!-- bench:SQLite:start -->
        _Not measured yet._
        <!-- bench:SQLite:end -->

        <!-- bench:PostgreSQL:start -->
        _Not measured yet._
        <!-- bench:PostgreSQL:end -->

        ## Interpretation

        _Written after reading the generated figures; re-check it when they change._
        """;
}
