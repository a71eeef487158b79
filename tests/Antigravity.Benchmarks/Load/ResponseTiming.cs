namespace Antigravity.Benchmarks.Load;

/// <summary>
/// What one request took, in <see cref="System.Diagnostics.Stopwatch"/> ticks from the moment its bytes were
/// written: to the end of the body, to the first body byte carrying the answer's text (the "first token"), and
/// the longest silence between two reads of the body.
/// </summary>
/// <param name="Status">HTTP status (0 when the connection failed).</param>
/// <param name="Answered">The body carried the emulated answer.</param>
/// <param name="TotalTicks">To the end of the body.</param>
/// <param name="FirstTokenTicks">To the read that brought the answer's first text; equals the total for a whole JSON answer.</param>
/// <param name="LongestGapTicks">Longest wait between two reads that brought body bytes.</param>
/// <param name="Failure">The start of the body, or the exception, when the request failed.</param>
public readonly record struct ResponseTiming(int Status, bool Answered, long TotalTicks, long FirstTokenTicks, long LongestGapTicks, string? Failure)
{
    /// <summary>A 200 that carried the answer.</summary>
    public bool Succeeded => Status == 200 && Answered;
}
