using System.Globalization;
using Antigravity.Benchmarks.Overhead;
using Antigravity.Benchmarks.Translation;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// Two measurements (see docs/benchmarks.md):
//   translation [BenchmarkDotNet arguments]   Antigravity.Protocols per request and per stream event
//   overhead [--requests N] [--warmup N]      the gateway vs the emulator directly, whole app started
switch (args.FirstOrDefault())
{
    case "translation":
        // In-process: no generated project to build per benchmark, which matters on a small box.
        var config = DefaultConfig.Instance
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
            .WithOptions(ConfigOptions.DisableOptimizationsValidator);
        BenchmarkSwitcher.FromTypes([typeof(RequestTranslationBenchmarks), typeof(StreamTranslationBenchmarks)])
            .Run([.. args.Skip(1)], config);
        return 0;
    case "overhead":
        var requests = Option(args, "--requests", 200);
        var warmup = Option(args, "--warmup", 30);
        using (var cancel = new CancellationTokenSource())
        {
            Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
            return await OverheadRun.RunAsync(requests, warmup, cancel.Token);
        }
    default:
        Console.Error.WriteLine("usage: Antigravity.Benchmarks translation [--filter '*'] | overhead [--requests 200] [--warmup 30]");
        Console.Error.WriteLine("Build and run in Release: dotnet run -c Release --project tests/Antigravity.Benchmarks -- <command>");
        return 2;
}

static int Option(string[] args, string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
        ? value
        : fallback;
}
