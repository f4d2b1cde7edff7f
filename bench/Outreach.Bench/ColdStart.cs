using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Outreach.Bench;

/// <summary>
/// Time from launching the built host (<c>dotnet Outreach.Host.dll</c>) to its first 200 from /health/ready, the way a
/// developer meets it: Development environment, a fresh SQLite file, migrations and demo data at start-up.
/// </summary>
public static class ColdStart
{
    public static async Task<IReadOnlyList<TimeSpan>> MeasureAsync(string hostDll, int runs, Action<string> log, CancellationToken cancellationToken)
    {
        var timings = new List<TimeSpan>(runs);
        for (var run = 1; run <= runs; run++)
        {
            var folder = Directory.CreateTempSubdirectory("outreach-cold-");
            try
            {
                var environment = new Dictionary<string, string>
                {
                    ["ASPNETCORE_ENVIRONMENT"] = "Development",
                    ["Database__Provider"] = "Sqlite",
                    ["Database__ConnectionString"] = $"Data Source={Path.Combine(folder.FullName, "outreach.db")}",
                    ["DemoData__Enabled"] = "true",
                };
                await using var host = HostProcess.Start(hostDll, environment);
                var ready = await host.WaitReadyAsync("/health/ready", TimeSpan.FromSeconds(60), cancellationToken);
                timings.Add(ready);
                log($"cold start {run}/{runs}: {ready.TotalMilliseconds:0} ms");
            }
            finally
            {
                try
                {
                    folder.Delete(recursive: true);
                }
                catch (IOException)
                {
                    // A temp folder left behind is harmless.
                }
            }
        }
        return timings;
    }
}

/// <summary>The built host as a child process on a free loopback port; killed (with its children) on dispose.</summary>
public sealed class HostProcess : IAsyncDisposable
{
    private static readonly string[] InheritedPrefixes = ["ASPNETCORE_", "DOTNET_ENVIRONMENT", "Database__", "DemoData__", "Jobs__", "Serilog__", "Logging__", "OUTREACH_"];

    private readonly Process process;
    private readonly long started;
    private readonly ConcurrentQueue<string> output = new();

    private HostProcess(Process process, Uri baseAddress, long started)
    {
        this.process = process;
        this.started = started;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int Id => process.Id;

    public TimeSpan CpuTime => process.HasExited ? TimeSpan.Zero : process.TotalProcessorTime;

    public string OutputTail => string.Join(Environment.NewLine, output);

    public static HostProcess Start(string hostDll, IReadOnlyDictionary<string, string> environment)
    {
        var url = new Uri($"http://127.0.0.1:{FreePort()}");
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(hostDll)!,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(hostDll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(url.ToString().TrimEnd('/'));
        foreach (var key in info.Environment.Keys.Where(k => InheritedPrefixes.Any(p => k.StartsWith(p, StringComparison.OrdinalIgnoreCase))).ToList())
        {
            info.Environment.Remove(key);
        }
        foreach (var (key, value) in environment) info.Environment[key] = value;

        var process = new Process { StartInfo = info };
        var host = new HostProcess(process, url, Stopwatch.GetTimestamp());
        process.OutputDataReceived += (_, e) => host.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => host.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Polls <paramref name="path"/> every 20 ms; returns the time from process start to the first 200.</summary>
    public async Task<TimeSpan> WaitReadyAsync(string path, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(5),
        };
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"The host exited with code {process.ExitCode} before it was ready:{Environment.NewLine}{OutputTail}");
            try
            {
                using var response = await http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK) return Stopwatch.GetElapsedTime(started);
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // A poll timed out while the host was busy starting.
            }
            if (Stopwatch.GetElapsedTime(started) > timeout) throw new TimeoutException($"The host was not ready within {timeout} ({path}):{Environment.NewLine}{OutputTail}");
            await Task.Delay(20, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        output.Enqueue(line);
        while (output.Count > 200) output.TryDequeue(out _);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
