namespace Antigravity.Redis.Connections;

/// <summary>
/// Runs callbacks off the caller's thread, one at a time and in the order they were posted, so that a
/// "disconnected" notice never overtakes the "connected" one that followed it.
/// </summary>
internal sealed class SerialDispatcher
{
    private readonly object _gate = new();
    private Task _tail = Task.CompletedTask;

    /// <summary>Queues <paramref name="callback"/> after every callback posted before it.</summary>
    public void Post(Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        lock (_gate)
        {
            // Continuations run whatever the previous one did; the callback handles its own exceptions.
            _tail = _tail.ContinueWith(static (_, state) => ((Action)state!)(), callback,
                CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }
}
