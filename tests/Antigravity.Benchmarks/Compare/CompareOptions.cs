using System.Globalization;
using Antigravity.Benchmarks.Load;
using Antigravity.AppHost;

namespace Antigravity.Benchmarks.Compare;

/// <summary>
/// What <c>compare</c> measures and for how long. <c>--quick</c> shortens every window (for trying the command
/// out, not for figures); each option below overrides it.
/// </summary>
public sealed record CompareOptions
{
    /// <summary>Warm-up and window of each concurrency-32 measurement.</summary>
    public MeasureWindow Throughput { get; init; } = new(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(10));

    /// <summary>Warm-up and window of each interleaved concurrency-1 phase (every path shares the window).</summary>
    public MeasureWindow Latency { get; init; } = new(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(40));

    /// <summary>Workers of the throughput measurements.</summary>
    public int Concurrency { get; init; } = 32;

    /// <summary>Streams held open at once through the gateway.</summary>
    public int Streams { get; init; } = 1000;

    /// <summary>Accounts in the pool for the pool-size measurement.</summary>
    public int PoolAccounts { get; init; } = 500;

    /// <summary>The app's Redis: Garnet (the AppHost's default) or redis-server, which also counts commands per request.</summary>
    public RedisKind Redis { get; init; } = RedisKind.Garnet;

    /// <summary>Where the Markdown report is written (besides the console).</summary>
    public string OutputPath { get; init; } = "artifacts/benchmarks/compare.md";

    /// <summary>The command line as typed, for the report.</summary>
    public string CommandLine { get; init; } = "compare";

    /// <summary>Parses the arguments after <c>compare</c>; null and a message when one is wrong.</summary>
    public static (CompareOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        var options = args.Contains("--quick")
            ? new CompareOptions
            {
                Throughput = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)),
                Latency = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(6)),
                PoolAccounts = 100,
            }
            : new CompareOptions();
        options = options with { CommandLine = string.Join(' ', ["compare", .. args]) };
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--quick":
                    continue;
                case "--duration" when Seconds(value) is { } seconds:
                    options = options with { Throughput = options.Throughput with { Duration = seconds }, Latency = options.Latency with { Duration = seconds * 4 } };
                    break;
                case "--warmup" when Seconds(value) is { } seconds:
                    options = options with { Throughput = options.Throughput with { Warmup = seconds }, Latency = options.Latency with { Warmup = seconds } };
                    break;
                case "--concurrency" when Count(value) is { } concurrency:
                    options = options with { Concurrency = concurrency };
                    break;
                case "--streams" when Count(value) is { } streams:
                    options = options with { Streams = streams };
                    break;
                case "--accounts" when Count(value) is { } accounts and >= 2:
                    options = options with { PoolAccounts = accounts };
                    break;
                case "--redis" when value is "garnet" or "redis-server":
                    options = options with { Redis = value == "garnet" ? RedisKind.Garnet : RedisKind.RedisServer };
                    break;
                case "--out" when !string.IsNullOrWhiteSpace(value):
                    options = options with { OutputPath = value };
                    break;
                default:
                    return (null, $"compare: '{args[i]}' {(value is null ? "" : $"'{value}' ")}is not an option this command understands.");
            }
            i++;
        }
        return (options, null);
    }

    /// <summary>The usage line.</summary>
    public const string Usage =
        "compare [--quick] [--duration 10] [--warmup 3] [--concurrency 32] [--streams 1000] [--accounts 500] [--redis garnet|redis-server] [--out artifacts/benchmarks/compare.md]";

    private static TimeSpan? Seconds(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 ? TimeSpan.FromSeconds(seconds) : null;

    private static int? Count(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0 ? count : null;
}
