namespace Antigravity.Gateway.Hosting;

/// <summary>
/// How many proxied requests are being answered right now, open streams included (counted by
/// <see cref="Monitor.MonitorMiddleware"/>), for work that must wait until none is.
/// </summary>
internal sealed class ActiveRequests
{
    private long _count;

    /// <summary>Requests started and not yet ended.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>A request starts.</summary>
    public void Started() => Interlocked.Increment(ref _count);

    /// <summary>A request has been answered (or abandoned).</summary>
    public void Ended() => Interlocked.Decrement(ref _count);
}
