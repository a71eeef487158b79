using System.Threading.Channels;
using Antigravity.Contracts.Monitor;
using Antigravity.Contracts;
using StackExchange.Redis;

namespace Antigravity.Dashboard.Monitor;

/// <summary>
/// Fans the records announced on <see cref="RedisKeys.MonitorChannel"/> out to every open
/// <c>/api/monitor/stream</c>. One Redis subscription per dashboard process, made when the first listener comes;
/// each listener has its own small queue that drops its oldest record when the browser falls behind.
/// </summary>
internal sealed class MonitorLiveFeed(IConnectionMultiplexer redis) : IAsyncDisposable
{
    /// <summary>Records a slow listener may fall behind by before the oldest are dropped.</summary>
    public const int ListenerCapacity = 256;

    private readonly SemaphoreSlim _subscribeGate = new(1, 1);
    private readonly Lock _listenersLock = new();
    private Channel<MonitorRecord>[] _listeners = [];
    private ChannelMessageQueue? _subscription;

    /// <summary>Starts listening; records announced from now on arrive on the returned listener until it is disposed.</summary>
    public async Task<Listener> ListenAsync(CancellationToken cancellationToken)
    {
        await EnsureSubscribedAsync(cancellationToken).ConfigureAwait(false);
        var channel = Channel.CreateBounded<MonitorRecord>(new BoundedChannelOptions(ListenerCapacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        lock (_listenersLock)
        {
            _listeners = [.. _listeners, channel];
        }
        return new Listener(this, channel);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_subscription is not null)
        {
            await _subscription.UnsubscribeAsync().ConfigureAwait(false);
        }
        _subscribeGate.Dispose();
    }

    private async Task EnsureSubscribedAsync(CancellationToken cancellationToken)
    {
        if (_subscription is not null)
        {
            return;
        }
        await _subscribeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_subscription is null)
            {
                var subscription = await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(RedisKeys.MonitorChannel)).WaitAsync(cancellationToken).ConfigureAwait(false);
                subscription.OnMessage(message => Publish(message.Message.ToString()));
                _subscription = subscription;
            }
        }
        finally
        {
            _subscribeGate.Release();
        }
    }

    private void Publish(string message)
    {
        var listeners = _listeners;
        if (listeners.Length == 0)
        {
            return;
        }
        foreach (var record in MonitorStore.ParseAnnouncement(message))
        {
            foreach (var listener in listeners)
            {
                listener.Writer.TryWrite(record);
            }
        }
    }

    private void Remove(Channel<MonitorRecord> channel)
    {
        lock (_listenersLock)
        {
            _listeners = Array.FindAll(_listeners, existing => !ReferenceEquals(existing, channel));
        }
    }

    /// <summary>One open stream's queue of new records.</summary>
    internal sealed class Listener(MonitorLiveFeed feed, Channel<MonitorRecord> channel) : IDisposable
    {
        /// <summary>The records, in the order they were announced.</summary>
        public ChannelReader<MonitorRecord> Records => channel.Reader;

        /// <inheritdoc />
        public void Dispose() => feed.Remove(channel);
    }
}
