namespace Antigravity.AppHost.Hosting;

/// <summary>How the orchestrator behaves: where output goes, deadlines, restart backoff.</summary>
public sealed class DistributedApplicationOptions
{
    /// <summary>Where output goes (the console by default).</summary>
    public AppHostOutput Output { get; init; } = new ConsoleOutput();

    /// <summary>How long a started process may take to become healthy.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long an external resource (a Redis given by connection string) may take to answer.</summary>
    public TimeSpan ExternalResourceTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a process has between SIGTERM and SIGKILL.</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Interval of health probes while starting.</summary>
    public TimeSpan StartProbeInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Interval of health probes once running.</summary>
    public TimeSpan HealthCheckInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Delay before the first restart; doubles on each crash.</summary>
    public TimeSpan InitialRestartDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest delay between restarts.</summary>
    public TimeSpan MaxRestartDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A process that ran this long before crashing restarts after <see cref="InitialRestartDelay"/> again.</summary>
    public TimeSpan StablePeriod { get; init; } = TimeSpan.FromSeconds(30);
}
