using System.Diagnostics;

namespace Antigravity.Benchmarks.Load;

/// <summary>
/// Latency at concurrency 1, fair across targets: one request at a time, to each target in turn (the first of
/// each round rotates), so every target meets the same machine load over the same minutes.
/// </summary>
public static class InterleavedLatency
{
    /// <summary>Measures every request of <paramref name="requests"/> for the window; results in the same order.</summary>
    public static async Task<IReadOnlyList<LoadResult>> RunAsync(IReadOnlyList<HttpRequestTemplate> requests, MeasureWindow window, CancellationToken cancellationToken)
    {
        var connections = requests.Select(r => new Http1Connection(r.EndPoint)).ToArray();
        try
        {
            var timings = requests.Select(_ => new List<ResponseTiming>(8192)).ToArray();
            var completed = new int[requests.Count];
            var measureFrom = Stopwatch.GetTimestamp() + ClosedLoopLoad.Ticks(window.Warmup);
            var measureTo = measureFrom + ClosedLoopLoad.Ticks(window.Duration);
            for (var round = 0; Stopwatch.GetTimestamp() < measureTo; round++)
            {
                for (var k = 0; k < requests.Count; k++)
                {
                    var i = (round + k) % requests.Count;
                    var startedAt = Stopwatch.GetTimestamp();
                    var timing = await connections[i].SendAsync(requests[i], cancellationToken);
                    if (startedAt >= measureFrom)
                    {
                        timings[i].Add(timing);
                        completed[i] += timing.Succeeded ? 1 : 0;
                    }
                }
            }
            return [.. timings.Select((t, i) => new LoadResult(t, completed[i], window.Duration))];
        }
        finally
        {
            foreach (var connection in connections)
            {
                connection.Dispose();
            }
        }
    }
}
