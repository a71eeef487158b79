using System.Diagnostics;
using Antigravity.Benchmarks.Load;

namespace Antigravity.Benchmarks.Compare;

/// <summary>
/// Redis commands per gateway request: the server's command counters before and after a run of requests one at
/// a time (plus a moment for the batched writes to land), less what the idle app sends in the same time.
/// </summary>
public static class RedisCommandsPerRequest
{
    private const int Requests = 300;
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1.5);

    /// <summary>Counts for each of <paramref name="gatewayPaths"/>; notes in the results when the server cannot say.</summary>
    public static async Task MeasureAsync(string connectionString, IEnumerable<BenchmarkPath> gatewayPaths, CompareResults results, CancellationToken cancellationToken)
    {
        Console.WriteLine("Redis commands per request…");
        await using var counter = await RedisCommandCount.ConnectAsync(connectionString);
        var start = await counter.ReadAsync();
        if (start.Count == 0)
        {
            results.RedisNote = "the app's Redis answers neither INFO commandstats nor total_commands_processed in INFO stats";
            return;
        }
        if (start.ContainsKey("total"))
        {
            // Garnet answers INFO stats but counts commands only when started with --commandstats-monitor and
            // --metrics-sampling-freq, which the AppHost does not pass.
            await RequestsAsync(gatewayPaths.First(), 20, cancellationToken);
            if (RedisCommandCount.Delta(start, await counter.ReadAsync()).Sum(c => c.Calls) == 0)
            {
                results.RedisNote = "Garnet counts no commands unless started with --commandstats-monitor; run with --redis redis-server to count them";
                return;
            }
        }
        start = await counter.ReadAsync();
        var idleClock = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        var idleDelta = RedisCommandCount.Delta(start, await counter.ReadAsync()).Sum(c => c.Calls);
        var idlePerSecond = idleDelta / idleClock.Elapsed.TotalSeconds;
        results.RedisNote = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{(start.ContainsKey("total") ? "INFO stats total_commands_processed (this server has no INFO commandstats)" : "INFO commandstats")}; " +
            $"{Requests} requests one at a time per path, then {Settle.TotalSeconds:F1} s for batched writes; the idle app's {idlePerSecond:F1} commands/s subtracted");

        foreach (var path in gatewayPaths)
        {
            var before = await counter.ReadAsync();
            var clock = Stopwatch.StartNew();
            await RequestsAsync(path, Requests, cancellationToken);
            await Task.Delay(Settle, cancellationToken);
            var delta = RedisCommandCount.Delta(before, await counter.ReadAsync());
            var perRequest = (delta.Sum(c => c.Calls) - idlePerSecond * clock.Elapsed.TotalSeconds) / Requests;
            results.Redis[path.Name] = new RedisFigures(perRequest, Requests, delta);
        }
    }

    private static async Task RequestsAsync(BenchmarkPath path, int count, CancellationToken cancellationToken)
    {
        using var connection = new Http1Connection(path.Whole.EndPoint);
        for (var i = 0; i < count; i++)
        {
            await connection.SendAsync(path.Whole, cancellationToken);
        }
    }
}
