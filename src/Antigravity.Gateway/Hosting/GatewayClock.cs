namespace Antigravity.Gateway.Hosting;

/// <summary>When this gateway process started (the <c>created</c> time of built-in models, the uptime in <c>/healthz</c>).</summary>
internal sealed class GatewayClock(TimeProvider time)
{
    /// <summary>The start time.</summary>
    public DateTimeOffset StartedAt { get; } = time.GetUtcNow();

    /// <summary>Time since start.</summary>
    public TimeSpan Uptime => time.GetUtcNow() - StartedAt;
}
