using System.Globalization;
using System.Text;
using Antigravity.Benchmarks.Load;
using Antigravity.Testing;

namespace Antigravity.Benchmarks.Compare;

/// <summary>The Markdown report of one run: one table of every path, then ratios, streams, memory, pool size, Redis.</summary>
public static class CompareReport
{
    /// <summary>Writes the report.</summary>
    public static string Write(CompareResults results, CompareOptions options)
    {
        var md = new StringBuilder();
        Line(md, $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC at commit `{MachineDescription.Commit(RepositoryRoot.Find())}` on {MachineDescription.Describe()}; load average {results.LoadAverageAtStart} at the start.");
        Line(md, $"Command: `dotnet run -c Release --project tests/Antigravity.Benchmarks -- {options.CommandLine}`. Concurrency 1: every path in turn, one request at a time, {options.Latency.Duration.TotalSeconds:F0} s after {options.Latency.Warmup.TotalSeconds:F0} s of warm-up (whole answers, then streams). Concurrency {options.Concurrency}: each path alone, {options.Throughput.Duration.TotalSeconds:F0} s after {options.Throughput.Warmup.TotalSeconds:F0} s. Times in ms; *added* = the path's percentile minus its direct baseline's (OpenAI-compatible chat, or Cloud Code for the translated path); TTFT = time to the first body read that carries the answer's text.");
        md.AppendLine();
        md.AppendLine($"| path | c=1 p50 | c=1 p90 | c=1 p99 | added p50 | added p99 | c={options.Concurrency} req/s | TTFT p50 | TTFT p99 | added TTFT p50 | added TTFT p99 |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var path in results.Paths)
        {
            if (results.Skipped.TryGetValue(path.Name, out var reason))
            {
                Line(md, $"| {path.Name} | not measured: {Cell(reason)} |||||||||| ");
                continue;
            }
            var latency = results.Latency[path.Name];
            var baseLatency = path.Baseline is null ? null : results.Latency.GetValueOrDefault(path.Baseline);
            var streamed = "| – | – | – | – |";
            if (results.FirstToken.TryGetValue(path.Name, out var first))
            {
                var baseFirst = path.Baseline is null ? null : results.FirstToken.GetValueOrDefault(path.Baseline);
                streamed = Invariant($"| {Ms(first.FirstToken(0.5))} | {Ms(first.FirstToken(0.99))} | {Added(first.FirstToken(0.5), baseFirst?.FirstToken(0.5))} | {Added(first.FirstToken(0.99), baseFirst?.FirstToken(0.99))} |");
            }
            Line(md, $"| {path.Name} | {Ms(latency.Total(0.5))} | {Ms(latency.Total(0.9))} | {Ms(latency.Total(0.99))} | {Added(latency.Total(0.5), baseLatency?.Total(0.5))} | {Added(latency.Total(0.99), baseLatency?.Total(0.99))} | {Rps(results.Throughput[path.Name])} {streamed}");
        }
        md.AppendLine();
        foreach (var (name, reason) in results.StreamSkipped)
        {
            Line(md, $"* {name}: streamed requests not measured, the probe got {Cell(reason)}");
        }
        Ratio(md, results, BenchmarkPaths.GatewayPassThrough, BenchmarkPaths.Portkey, "same OpenAI pass-through");
        Ratio(md, results, BenchmarkPaths.GatewayAnthropic, BenchmarkPaths.Router, "same Anthropic → OpenAI translation");
        Ratio(md, results, BenchmarkPaths.GatewayPassThrough, BenchmarkPaths.Router, "each gateway's lightest path to the OpenAI-compatible upstream");
        Failures(md, results);
        Streams(md, results.Streams);
        Memory(md, results);
        if (results.Pool is { } pool)
        {
            md.AppendLine();
            Line(md, $"**Pool size** ({pool.Path}, concurrency {options.Concurrency}): {Rps(pool.One)} req/s with 1 OpenAI-compatible account, {Rps(pool.Many)} req/s with {pool.Accounts} — **{pool.Many.RequestsPerSecond / pool.One.RequestsPerSecond:F2}×** (p99 {Ms(pool.One.Total(0.99))} → {Ms(pool.Many.Total(0.99))} ms).");
        }
        Redis(md, results);
        return md.ToString();
    }

    private static void Ratio(StringBuilder md, CompareResults results, string ours, string theirs, string why)
    {
        if (results.Throughput.TryGetValue(ours, out var a) && results.Throughput.TryGetValue(theirs, out var b) && b.RequestsPerSecond > 0)
        {
            Line(md, $"* **{ours}** / **{theirs}** at c=32 ({why}): **{a.RequestsPerSecond / b.RequestsPerSecond:F2}×** ({Rps(a)} vs {Rps(b)} req/s)");
        }
    }

    private static void Failures(StringBuilder md, CompareResults results)
    {
        var failed = results.Latency.Concat(results.FirstToken).Concat(results.Throughput).Where(entry => entry.Value.Failures > 0).ToList();
        foreach (var (name, result) in failed)
        {
            Line(md, $"* failed requests on {name}: {result.Failures}, the first: {Cell(result.FirstFailure ?? "")}");
        }
    }

    private static void Streams(StringBuilder md, StreamFigures? streams)
    {
        if (streams is null)
        {
            return;
        }
        md.AppendLine();
        Line(md, $"**{streams.Streams} concurrent streams** (opened over {streams.Ramp.TotalSeconds:F1} s; the emulator pauses every stream {streams.Pause.TotalMilliseconds:F0} ms after its second event, so all are open at once). *Longest gap* = each stream's longest wait between two reads, less the scripted pause:");
        md.AppendLine();
        md.AppendLine("| target | completed | failed | most open at once | longest gap p50 | longest gap p99 | TTFT p50 | TTFT p99 |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        var pause = streams.Pause.TotalMilliseconds;
        foreach (var (name, result, open) in new[] { ("upstream directly", streams.Direct, streams.DirectMostOpen), (streams.GatewayPath, streams.Gateway, streams.GatewayMostOpen) })
        {
            Line(md, $"| {name} | {result.Count} | {result.Failures} | {open} | {Ms(result.LongestGap(0.5) - pause)} | {Ms(result.LongestGap(0.99) - pause)} | {Ms(result.FirstToken(0.5))} | {Ms(result.FirstToken(0.99))} |");
        }
        md.AppendLine();
        Line(md, $"Added gap between events through the gateway, p99: **{Ms(streams.Gateway.LongestGap(0.99) - streams.Direct.LongestGap(0.99))} ms** (p50 {Ms(streams.Gateway.LongestGap(0.5) - streams.Direct.LongestGap(0.5))} ms); {(streams.Gateway.Failures == 0 && streams.Gateway.Count == streams.Streams ? "every stream completed without error" : $"{streams.Gateway.Failures} streams failed: {Cell(streams.Gateway.FirstFailure ?? "")}")}.");
    }

    private static void Memory(StringBuilder md, CompareResults results)
    {
        md.AppendLine();
        Line(md, $"**Resident memory** (MiB, summed over the processes): idle = after start and one request per path; peak = sampled every 100 ms during the gateway's streams; after = 5 s after them.");
        md.AppendLine();
        md.AppendLine("| processes | count | idle | peak during the streams | after |");
        md.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var m in results.Memory)
        {
            Line(md, $"| {m.Processes} | {m.Count} | {m.IdleMiB:F0} | {(double.IsNaN(m.PeakMiB) ? "–" : m.PeakMiB.ToString("F0", CultureInfo.InvariantCulture))} | {m.AfterMiB:F0} |");
        }
    }

    private static void Redis(StringBuilder md, CompareResults results)
    {
        md.AppendLine();
        if (results.Redis.Count == 0)
        {
            Line(md, $"**Redis commands per request**: not measured ({results.RedisNote ?? "no gateway path ran"}).");
            return;
        }
        Line(md, $"**Redis commands per request** ({results.RedisNote}):");
        md.AppendLine();
        md.AppendLine("| path | commands per request | busiest commands (per request) |");
        md.AppendLine("|---|---:|---|");
        foreach (var (name, figures) in results.Redis)
        {
            var busiest = string.Join(", ", figures.Commands.Take(6).Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Command} {(double)c.Calls / figures.Requests:F2}")));
            Line(md, $"| {name} | {figures.PerRequest:F2} | {busiest} |");
        }
    }

    private static string Ms(double value) => double.IsNaN(value) ? "–" : value.ToString("F2", CultureInfo.InvariantCulture);

    private static string Added(double value, double? baseline) => baseline is { } b && !double.IsNaN(b) ? (value - b).ToString("+0.00;−0.00;0.00", CultureInfo.InvariantCulture) : "";

    private static string Rps(LoadResult? result) => result is null ? "–" : result.RequestsPerSecond.ToString("F0", CultureInfo.InvariantCulture);

    private static string Cell(string text)
    {
        var flat = text.ReplaceLineEndings(" ");
        return flat[..Math.Min(flat.Length, 200)].Replace("|", "\\|", StringComparison.Ordinal);
    }

    private static void Line(StringBuilder md, FormattableString text) => md.AppendLine(Invariant(text));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
