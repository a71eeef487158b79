namespace Antigravity.Benchmarks.Load;

/// <summary>How long a measurement warms up (not counted) and then measures.</summary>
/// <param name="Warmup">Requests sent but not counted.</param>
/// <param name="Duration">The measured window.</param>
public readonly record struct MeasureWindow(TimeSpan Warmup, TimeSpan Duration);
