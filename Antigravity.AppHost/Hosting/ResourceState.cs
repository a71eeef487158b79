namespace Antigravity.AppHost.Hosting;

/// <summary>What a resource is doing.</summary>
public enum ResourceState
{
    /// <summary>Waiting for what it references, or not started yet.</summary>
    Waiting,

    /// <summary>Started, not healthy yet.</summary>
    Starting,

    /// <summary>Its health probe passes.</summary>
    Healthy,

    /// <summary>Running, but its health probe fails.</summary>
    Unhealthy,

    /// <summary>Its process exited unexpectedly; it is being restarted.</summary>
    Restarting,

    /// <summary>It failed to start.</summary>
    Failed,

    /// <summary>Stopped by the AppHost.</summary>
    Stopped,
}
