using System.Diagnostics;
using System.Net;

namespace Outreach.Bench;

/// <summary>One endpoint under test: a name for the report and a request for the n-th call (so pages can cycle).</summary>
public sealed record Endpoint(string Name, string Label, Func<long, HttpRequestMessage> Request);

public sealed record LoadResult(string Endpoint, long Requests, long Errors, double Seconds, double[] SortedMs)
{
    public double RequestsPerSecond => Requests / Seconds;
    public double P50 => Percentile(0.50);
    public double P95 => Percentile(0.95);
    public double P99 => Percentile(0.99);

    /// <summary>Nearest-rank percentile of the successful requests' latencies, in milliseconds.</summary>
    public double Percentile(double p) => SortedMs.Length == 0 ? double.NaN : SortedMs[Math.Max(0, (int)Math.Ceiling(p * SortedMs.Length) - 1)];
}

/// <summary>
/// A closed-loop load generator: N clients each send a request, read the whole body, and send the next, until the
/// duration or the request cap is reached. Latency is measured per request from send to the end of the body.
/// </summary>
public static class LoadRunner
{
    public static HttpClient CreateClient(Uri baseAddress, int clients) =>
        new(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = clients,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };

    public static async Task<LoadResult> RunAsync(HttpClient http, Endpoint endpoint, int clients, TimeSpan duration, long maxRequests, CancellationToken cancellationToken)
    {
        var sequence = -1L;
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);

        async Task<(List<long> Ticks, long Errors)> Client()
        {
            var ticks = new List<long>(4096);
            var errors = 0L;
            while (!cancellationToken.IsCancellationRequested)
            {
                var n = Interlocked.Increment(ref sequence);
                if (n >= maxRequests || Stopwatch.GetTimestamp() >= deadline) break;
                using var request = endpoint.Request(n);
                var sent = Stopwatch.GetTimestamp();
                var ok = false;
                try
                {
                    using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
                    ok = response.StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                }
                catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // HttpClient.Timeout: counted as an error.
                }
                var elapsed = Stopwatch.GetTimestamp() - sent;
                if (ok) ticks.Add(elapsed);
                else errors++;
            }
            return (ticks, errors);
        }

        var results = await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(Client, cancellationToken)));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        cancellationToken.ThrowIfCancellationRequested();

        var ms = results.SelectMany(r => r.Ticks).Select(t => t * 1000.0 / Stopwatch.Frequency).ToArray();
        Array.Sort(ms);
        return new LoadResult(endpoint.Name, ms.Length, results.Sum(r => r.Errors), seconds, ms);
    }

    /// <summary>Latency with no contention: one request at a time, alternating between the endpoints. Median per endpoint in milliseconds.</summary>
    public static async Task<Dictionary<string, double>> ProbeAsync(HttpClient http, IReadOnlyList<Endpoint> endpoints, int requestsEach, CancellationToken cancellationToken)
    {
        var samples = endpoints.ToDictionary(e => e.Name, _ => new List<double>(requestsEach));
        for (var i = 0; i < requestsEach; i++)
        {
            foreach (var endpoint in endpoints)
            {
                using var request = endpoint.Request(i);
                var sent = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
                var elapsed = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
                response.EnsureSuccessStatusCode();
                samples[endpoint.Name].Add(elapsed);
            }
        }
        return samples.ToDictionary(s => s.Key, s => Median(s.Value));
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
