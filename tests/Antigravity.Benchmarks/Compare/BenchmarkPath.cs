using Antigravity.Benchmarks.Load;

namespace Antigravity.Benchmarks.Compare;

/// <summary>One way to get the same short answer, as a whole JSON answer and as a stream.</summary>
/// <param name="Name">The row's name in the report.</param>
/// <param name="Whole">The non-streaming request.</param>
/// <param name="Streamed">The same request with <c>stream: true</c>.</param>
/// <param name="Baseline">The direct path whose figures this one's "added" columns subtract; null for a direct path.</param>
public sealed record BenchmarkPath(string Name, HttpRequestTemplate Whole, HttpRequestTemplate Streamed, string? Baseline)
{
    /// <summary>A path straight to the upstream emulator.</summary>
    public bool IsDirect => Baseline is null;
}
