using System.Diagnostics;

namespace Antigravity.Gateway.Hosting;

/// <summary>When this gateway process started (the <c>created</c> time of listed models, the uptime in <c>/healthz</c>).</summary>
internal sealed class GatewayClock(TimeProvider time)
{
    /// <summary>The process start time (not when this object was first asked for).</summary>
    public DateTimeOffset StartedAt { get; } = time.GetUtcNow() - ProcessAge();

    /// <summary>Time since start.</summary>
    public TimeSpan Uptime => time.GetUtcNow() - StartedAt;

    private static TimeSpan ProcessAge()
    {
        using var process = Process.GetCurrentProcess();
        var age = DateTime.Now - process.StartTime;
        return age < TimeSpan.Zero ? TimeSpan.Zero : age;
    }
}
