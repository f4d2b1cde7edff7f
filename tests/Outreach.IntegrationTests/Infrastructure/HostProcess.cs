using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Outreach.IntegrationTests.Infrastructure;

/// <summary>
/// The built host (<c>dotnet Outreach.Host.dll</c>) as a process of its own on a free loopback port, for tests that must
/// kill it for real. Only the settings given reach it; nothing of this process's configuration leaks in.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    private HostProcess(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public Uri Address { get; }

    public string Output => string.Join(Environment.NewLine, output);

    public static async Task<HostProcess> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(HostDll)!,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(HostDll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(address.ToString().TrimEnd('/'));
        foreach (var inherited in info.Environment.Keys.Where(k => k.Contains("__", StringComparison.Ordinal) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(inherited);
        }
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        foreach (var (key, value) in settings) info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;

        var host = new HostProcess(new Process { StartInfo = info }, address);
        host.process.OutputDataReceived += (_, e) => host.Keep(e.Data);
        host.process.ErrorDataReceived += (_, e) => host.Keep(e.Data);
        host.process.Start();
        host.process.BeginOutputReadLine();
        host.process.BeginErrorReadLine();
        await host.WaitReadyAsync();
        return host;
    }

    public HttpClient Client() => new() { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>SIGKILL: no shutdown hooks, no flushing, exactly like a power cut or the OOM killer.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited) await KillAsync();
        process.Dispose();
    }

    private async Task WaitReadyAsync()
    {
        using var http = Client();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (process.HasExited) throw new InvalidOperationException($"The host exited with code {process.ExitCode}:{Environment.NewLine}{Output}");
            try
            {
                if ((await http.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The host was not ready within 90 s:{Environment.NewLine}{Output}");
    }

    /// <summary>The host built beside these tests, in the same configuration (the solution build makes both).</summary>
    private static string HostDll
    {
        get
        {
            var testBin = new DirectoryInfo(AppContext.BaseDirectory);
            var framework = testBin.Name.Length > 0 ? testBin.Name : testBin.Parent!.Name;
            var configuration = (testBin.Name.Length > 0 ? testBin.Parent : testBin.Parent!.Parent)!.Name;
            var root = testBin;
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "Outreach.sln"))) root = root.Parent;
            var dll = Path.Combine(root?.FullName ?? "", "src", "Outreach.Host", "bin", configuration, framework, "Outreach.Host.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the host first: {dll} is missing.");
        }
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        output.Enqueue(line);
        while (output.Count > 300) output.TryDequeue(out _);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
