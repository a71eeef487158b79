using Antigravity.AppHost;
using Antigravity.Benchmarks.Load;
using Antigravity.Benchmarks.Peers;
using Antigravity.Testing.App;

namespace Antigravity.Benchmarks.Compare;

/// <summary>
/// The <c>compare</c> command: starts the emulator and the whole app (as the AppHost does, Release builds,
/// request log off, no delays), the two Node.js gateways pointed at the same emulator, then measures every
/// <see cref="BenchmarkPaths"/> row in one run and writes one Markdown report.
/// </summary>
public static class CompareRun
{
    /// <summary>Runs everything; returns the process exit code.</summary>
    public static async Task<int> RunAsync(CompareOptions options, CancellationToken cancellationToken)
    {
        await PeerPackages.EnsureInstalledAsync(cancellationToken);
        Console.WriteLine("Starting the app with the emulator (request log off)…");
        await using var app = await AntigravityTestApp.StartAsync(o =>
        {
            o.Emulator = true;
            o.Redis = options.Redis;
            // The ASP.NET Core template's level for its per-request lines, which the gateway ships with and the
            // AccountPool and dashboard do not (yet): otherwise every lease is four log lines that the test host
            // collects in memory, on the same two cores.
            o.Environment["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning";
            // The upstream should cost nothing: no request log, no logging.
            o.ResourceEnvironment[AntigravityTopology.EmulatorName] = new()
            {
                ["Emulator__RequestLogCapacity"] = "0",
                ["Logging__LogLevel__Default"] = "Warning",
            };
        }, cancellationToken);
        var credentials = await app.ReadCredentialsAsync(cancellationToken: cancellationToken);
        var emulatorUrl = app.GetEndpoint(AntigravityTopology.EmulatorName);
        using var accounts = GatewayAccounts.Create(app.GetEndpoint(AntigravityTopology.DashboardName), credentials.AdminPassword!, emulatorUrl);
        await accounts.AddStartingAccountsAsync(cancellationToken);
        using var emulator = new EmulatorControl(emulatorUrl);

        Console.WriteLine("Starting Portkey, claude-code-router and the minimal .NET forwarder…");
        using var portkey = await PortkeyGateway.StartAsync(cancellationToken);
        using var router = await ClaudeCodeRouter.StartAsync(emulatorUrl, BenchmarkPaths.ProviderKey, BenchmarkPaths.ProviderModel, cancellationToken);
        using var forwarder = await MinimalForwarder.StartAsync(emulatorUrl, cancellationToken);

        var paths = BenchmarkPaths.Build(new BenchmarkPaths.Endpoints(emulatorUrl, await emulator.AccessTokenAsync(cancellationToken),
            app.GetEndpoint(AntigravityTopology.GatewayName), credentials.ApiKey!, portkey.BaseAddress, router.BaseAddress, forwarder.BaseAddress));
        var results = new CompareResults { Paths = paths };
        await ProbeAsync(paths, results, cancellationToken);
        var live = paths.Where(p => !results.Skipped.ContainsKey(p.Name)).ToList();
        var streaming = live.Where(p => !results.StreamSkipped.ContainsKey(p.Name)).ToList();

        var groups = new (string Name, IReadOnlyList<int> Pids)[]
        {
            ("Antigravity gateway", app.GetProcessIds(AntigravityTopology.GatewayName)),
            ("Antigravity AccountPool", app.GetProcessIds(AntigravityTopology.AccountPoolName)),
            ($"Redis ({(options.Redis == RedisKind.Garnet ? "Garnet" : "redis-server")})", RedisProcessIds(app)),
            ("Portkey", [portkey.ProcessId]),
            ("claude-code-router", [router.ProcessId]),
        };
        var idle = groups.Select(g => ResidentMemory.MiB(g.Pids)).ToArray();

        Console.WriteLine($"Concurrency 1, whole answers, {live.Count} paths interleaved for {options.Latency.Duration.TotalSeconds:F0} s…");
        Collect(results.Latency, live, await InterleavedLatency.RunAsync([.. live.Select(p => p.Whole)], options.Latency, cancellationToken));
        Console.WriteLine($"Concurrency 1, streamed answers (time to first token), {streaming.Count} paths…");
        Collect(results.FirstToken, streaming, await InterleavedLatency.RunAsync([.. streaming.Select(p => p.Streamed)], options.Latency, cancellationToken));
        foreach (var path in live)
        {
            Console.WriteLine($"Concurrency {options.Concurrency}: {path.Name}…");
            results.Throughput[path.Name] = await ClosedLoopLoad.RunAsync(path.Whole, options.Concurrency, options.Throughput, cancellationToken);
        }

        await RedisCommandsPerRequest.MeasureAsync(app.RedisConnectionString, live.Where(p => p.Whole.EndPoint.Port == app.GetEndpoint(AntigravityTopology.GatewayName).Port), results, cancellationToken);

        var gatewayPath = live.FirstOrDefault(p => p.Name == BenchmarkPaths.GatewayPassThrough);
        var directPath = live.FirstOrDefault(p => p.Name == BenchmarkPaths.DirectOpenAi);
        var peaks = new double[groups.Length];
        Array.Fill(peaks, double.NaN);
        if (gatewayPath is not null && directPath is not null)
        {
            results.Streams = await ManyStreamsAsync(options, emulator, directPath, gatewayPath, groups[..3].Select(g => g.Pids).ToArray(), peaks, cancellationToken);
        }
        await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
        var after = groups.Select(g => ResidentMemory.MiB(g.Pids)).ToArray();
        for (var i = 0; i < groups.Length; i++)
        {
            results.Memory.Add(new MemoryFigures(groups[i].Name, groups[i].Pids.Count, idle[i], peaks[i], after[i]));
        }

        if (gatewayPath is not null)
        {
            Console.WriteLine($"Pool size: {gatewayPath.Name} at concurrency {options.Concurrency} with 1 OpenAI-compatible account, then {options.PoolAccounts}…");
            var one = await ClosedLoopLoad.RunAsync(gatewayPath.Whole, options.Concurrency, options.Throughput, cancellationToken);
            await accounts.AddOpenAiCompatibleAsync(options.PoolAccounts - 1, cancellationToken);
            var many = await ClosedLoopLoad.RunAsync(gatewayPath.Whole, options.Concurrency, options.Throughput, cancellationToken);
            results.Pool = new PoolFigures(gatewayPath.Name, options.PoolAccounts, one, many);
        }

        var report = CompareReport.Write(results, options);
        Console.WriteLine();
        Console.WriteLine(report);
        var output = Path.GetFullPath(options.OutputPath, Antigravity.Testing.RepositoryRoot.Find());
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        await File.WriteAllTextAsync(output, report, cancellationToken);
        Console.WriteLine($"Written to {output}");
        return results.Skipped.Count == 0 ? 0 : 1;
    }

    /// <summary>
    /// One whole and one streamed request per path, retried for a few seconds (a new account reaches the gateway
    /// through pub/sub). A path whose whole answer still fails is left out of the run; one whose stream fails is
    /// left out of the streaming measurements. What they answered goes in the report.
    /// </summary>
    private static async Task ProbeAsync(IReadOnlyList<BenchmarkPath> paths, CompareResults results, CancellationToken cancellationToken)
    {
        foreach (var path in paths)
        {
            using var connection = new Http1Connection(path.Whole.EndPoint);
            ResponseTiming whole = default, streamed = default;
            for (var attempt = 0; attempt < 20; attempt++)
            {
                whole = await connection.SendAsync(path.Whole, cancellationToken);
                streamed = await connection.SendAsync(path.Streamed, cancellationToken);
                if (whole.Succeeded && streamed.Succeeded)
                {
                    break;
                }
                await Task.Delay(250, cancellationToken);
            }
            if (!whole.Succeeded)
            {
                Console.WriteLine($"Leaving out {path.Name}: {whole.Failure}");
                results.Skipped[path.Name] = whole.Failure ?? "";
            }
            else if (!streamed.Succeeded)
            {
                Console.WriteLine($"Leaving {path.Name} out of the streaming measurements: {streamed.Failure}");
                results.StreamSkipped[path.Name] = streamed.Failure ?? "";
            }
        }
    }

    /// <summary>
    /// The app's Redis process. Garnet names the data directory on its command line, which is how the test app
    /// finds it; redis-server rewrites its command line to <c>redis-server host:port</c>, so it is looked for among
    /// the app's processes by that name.
    /// </summary>
    private static IReadOnlyList<int> RedisProcessIds(AntigravityTestApp app)
    {
        var pids = app.GetProcessIds(AntigravityTopology.RedisName);
        return pids.Count > 0
            ? pids
            : [.. app.LiveProcessIds.Where(pid => File.Exists($"/proc/{pid}/cmdline") && File.ReadAllText($"/proc/{pid}/cmdline").Contains("redis-server", StringComparison.Ordinal))];
    }

    private static void Collect(Dictionary<string, LoadResult> into, IReadOnlyList<BenchmarkPath> paths, IReadOnlyList<LoadResult> measured)
    {
        for (var i = 0; i < paths.Count; i++)
        {
            into[paths[i].Name] = measured[i];
        }
    }

    /// <summary>
    /// The emulator pauses every stream after its second event for longer than the ramp, so all streams are open
    /// at once; first straight to the emulator, then through the gateway while its processes' RSS is sampled.
    /// </summary>
    private static async Task<StreamFigures> ManyStreamsAsync(CompareOptions options, EmulatorControl emulator, BenchmarkPath direct, BenchmarkPath gateway,
        IReadOnlyList<int>[] sampled, double[] peaks, CancellationToken cancellationToken)
    {
        var ramp = TimeSpan.FromMilliseconds(Math.Clamp(options.Streams * 2, 200, 3000));
        var pause = ramp + TimeSpan.FromSeconds(2);
        Console.WriteLine($"{options.Streams} concurrent streams (opened over {ramp.TotalSeconds:F1} s, upstream pauses {pause.TotalSeconds:F1} s mid-stream): directly, then through the gateway…");
        await emulator.PauseStreamsAsync(pause, cancellationToken);
        try
        {
            var (directResult, directOpen, _) = await ConcurrentStreams.RunAsync(direct.Streamed, options.Streams, ramp, cancellationToken);
            var samplers = sampled.Select(pids => new ResidentMemory.PeakSampler(pids, TimeSpan.FromMilliseconds(100))).ToArray();
            var (gatewayResult, gatewayOpen, elapsed) = await ConcurrentStreams.RunAsync(gateway.Streamed, options.Streams, ramp, cancellationToken);
            for (var i = 0; i < samplers.Length; i++)
            {
                await samplers[i].DisposeAsync();
                peaks[i] = samplers[i].PeakMiB;
            }
            return new StreamFigures(options.Streams, ramp, pause, gateway.Name, directResult, directOpen, gatewayResult, gatewayOpen, elapsed);
        }
        finally
        {
            await emulator.ClearBehavioursAsync(cancellationToken);
        }
    }
}
