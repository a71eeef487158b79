using Antigravity.Benchmarks.Load;

namespace Antigravity.Benchmarks.Compare;

/// <summary>Everything one <c>compare</c> run measured, for <see cref="CompareReport"/>.</summary>
public sealed class CompareResults
{
    /// <summary>Every row, measured or not.</summary>
    public required IReadOnlyList<BenchmarkPath> Paths { get; init; }

    /// <summary><c>/proc/loadavg</c> when the measurements began: other work on the machine skews every figure.</summary>
    public string LoadAverageAtStart { get; } = MachineDescription.LoadAverage();

    /// <summary>Rows left out, with what their probe request answered.</summary>
    public Dictionary<string, string> Skipped { get; } = new(StringComparer.Ordinal);

    /// <summary>Rows measured with whole answers only, with what their streamed probe answered.</summary>
    public Dictionary<string, string> StreamSkipped { get; } = new(StringComparer.Ordinal);

    /// <summary>Whole JSON answers at concurrency 1, by row.</summary>
    public Dictionary<string, LoadResult> Latency { get; } = new(StringComparer.Ordinal);

    /// <summary>Streamed answers at concurrency 1, by row.</summary>
    public Dictionary<string, LoadResult> FirstToken { get; } = new(StringComparer.Ordinal);

    /// <summary>Whole JSON answers at the throughput concurrency, by row.</summary>
    public Dictionary<string, LoadResult> Throughput { get; } = new(StringComparer.Ordinal);

    /// <summary>The many-streams measurement, when it ran.</summary>
    public StreamFigures? Streams { get; set; }

    /// <summary>RSS per process group: idle, peak during the many streams, after them.</summary>
    public List<MemoryFigures> Memory { get; } = [];

    /// <summary>Gateway pass-through throughput with one OpenAI-compatible account and with many.</summary>
    public PoolFigures? Pool { get; set; }

    /// <summary>Redis commands per request, by gateway row; or why they were not counted.</summary>
    public Dictionary<string, RedisFigures> Redis { get; } = new(StringComparer.Ordinal);

    /// <summary>Why Redis commands were not counted, when they were not.</summary>
    public string? RedisNote { get; set; }
}

/// <summary>Many streams at once, straight to the emulator and through the gateway, with the same scripted pause.</summary>
public sealed record StreamFigures(int Streams, TimeSpan Ramp, TimeSpan Pause, string GatewayPath, LoadResult Direct, int DirectMostOpen, LoadResult Gateway, int GatewayMostOpen, TimeSpan GatewayElapsed);

/// <summary>Resident memory of one group of processes, in MiB (NaN where not measured).</summary>
public sealed record MemoryFigures(string Processes, int Count, double IdleMiB, double PeakMiB, double AfterMiB);

/// <summary>Throughput of the same path with a pool of one account and of <paramref name="Accounts"/>.</summary>
public sealed record PoolFigures(string Path, int Accounts, LoadResult One, LoadResult Many);

/// <summary>Redis commands per request on one path, background traffic subtracted, and the busiest commands.</summary>
public sealed record RedisFigures(double PerRequest, int Requests, IReadOnlyList<(string Command, long Calls)> Commands);
