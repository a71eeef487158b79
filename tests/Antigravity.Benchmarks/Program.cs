using Antigravity.Benchmarks.Compare;
using Antigravity.Benchmarks.Peers;
using Antigravity.Benchmarks.Translation;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// Two measurements (see docs/benchmarks.md):
//   translation [BenchmarkDotNet arguments]   Antigravity.Protocols per request and per stream event
//   compare [--quick] [options]               the gateway vs the upstream directly vs Portkey and claude-code-router, one run
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
    case "compare":
        var (options, error) = CompareOptions.Parse([.. args.Skip(1)]);
        if (options is null)
        {
            Console.Error.WriteLine(error);
            Console.Error.WriteLine("usage: Antigravity.Benchmarks " + CompareOptions.Usage);
            return 2;
        }
        using (var cancel = new CancellationTokenSource())
        {
            Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
            return await CompareRun.RunAsync(options, cancel.Token);
        }
    case MinimalForwarder.Command:
        // Started by compare as a process of its own (the floor row); not a command to type.
        return await MinimalForwarder.RunAsync([.. args.Skip(1)]);
    default:
        Console.Error.WriteLine("usage: Antigravity.Benchmarks translation [--filter '*'] | " + CompareOptions.Usage);
        Console.Error.WriteLine("Build and run in Release: dotnet run -c Release --project tests/Antigravity.Benchmarks -- <command>");
        return 2;
}
