using System.Threading.Channels;
using Antigravity.Redis.Connections;
using Antigravity.Redis.Protocol;
using Microsoft.Extensions.Logging;

namespace Antigravity.Redis.PubSub;

/// <summary>
/// The dedicated pub/sub connection and the handlers subscribed through it. Messages are queued by the
/// reader and handed to handlers by a separate dispatch loop, so a slow or throwing handler can neither
/// stall nor break the connection. Every channel is re-subscribed whenever the connection comes back.
/// </summary>
internal sealed partial class SubscriptionHub : IAsyncDisposable
{
    private readonly RedisConnectionOptions _options;
    private readonly ILogger _logger;
    private readonly ConnectionSupervisor _supervisor;
    private readonly Dictionary<string, List<Subscription>> _handlers = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _changes = new(1, 1);
    private readonly Channel<(string Channel, string Message)> _messages =
        Channel.CreateUnbounded<(string, string)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private Task _dispatchLoop = Task.CompletedTask;

    public SubscriptionHub(RedisConnectionOptions options, ILogger logger)
    {
        _options = options;
        _logger = logger;
        _supervisor = new ConnectionSupervisor("pub/sub", options, selectDatabase: false, TryQueueMessage, ResubscribeAsync, logger);
    }

    public ConnectionSupervisor Supervisor => _supervisor;

    public void Start()
    {
        _dispatchLoop = Task.Run(DispatchLoopAsync);
        _supervisor.Start();
    }

    public async Task<IAsyncDisposable> SubscribeAsync(string channel, Action<string, string> handler, CancellationToken cancellationToken)
    {
        var subscription = new Subscription(this, channel, handler);
        await _changes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            lock (_handlers)
            {
                if (!_handlers.TryGetValue(channel, out var list))
                {
                    _handlers[channel] = list = [];
                }
                list.Add(subscription);
            }
            try
            {
                // Sent even when the channel already has handlers: re-subscribing is harmless and confirms the
                // server really holds the subscription before the caller relies on it.
                await SendAsync("SUBSCRIBE", [channel], cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                Remove(subscription);
                throw;
            }
        }
        finally
        {
            _changes.Release();
        }
        return subscription;
    }

    public async ValueTask DisposeAsync()
    {
        await _supervisor.DisposeAsync().ConfigureAwait(false);
        _messages.Writer.TryComplete();
        await _dispatchLoop.ConfigureAwait(false);
        _changes.Dispose();
    }

    private async ValueTask UnsubscribeAsync(Subscription subscription)
    {
        try
        {
            await _changes.WaitAsync().ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            return; // the whole client is gone, and its connection with it
        }
        try
        {
            if (Remove(subscription) && _supervisor.IsConnected)
            {
                await SendAsync("UNSUBSCRIBE", [subscription.Channel], CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (RedisConnectionException)
        {
            // Not connected: the reconnect will not re-subscribe a channel nobody listens to any more.
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>Removes a handler; true when its channel has no handlers left.</summary>
    private bool Remove(Subscription subscription)
    {
        lock (_handlers)
        {
            if (!_handlers.TryGetValue(subscription.Channel, out var list) || !list.Remove(subscription))
            {
                return false;
            }
            if (list.Count > 0)
            {
                return false;
            }
            _handlers.Remove(subscription.Channel);
            return true;
        }
    }

    private async Task SendAsync(string command, IReadOnlyList<string> channels, CancellationToken cancellationToken)
    {
        var connection = await _supervisor.GetConnectionAsync(cancellationToken).ConfigureAwait(false);
        await SendOnAsync(connection, command, channels, cancellationToken).ConfigureAwait(false);
    }

    private async Task SendOnAsync(RespConnection connection, string command, IReadOnlyList<string> channels, CancellationToken cancellationToken)
    {
        // One confirmation reply per channel: [subscribe|unsubscribe, channel, count].
        var replies = await connection.SendAsync(command, RespWriter.Encode(command, channels), channels.Count, _options.CommandTimeout, cancellationToken)
            .ConfigureAwait(false);
        foreach (var reply in replies)
        {
            if (reply.Type == RedisResultType.Error)
            {
                throw new RedisServerException(reply.AsString() ?? "ERR");
            }
        }
    }

    private async Task ResubscribeAsync(RespConnection connection, CancellationToken cancellationToken)
    {
        string[] channels;
        lock (_handlers)
        {
            channels = [.. _handlers.Keys];
        }
        if (channels.Length > 0)
        {
            await SendOnAsync(connection, "SUBSCRIBE", channels, cancellationToken).ConfigureAwait(false);
            Log.Resubscribed(_logger, channels.Length);
        }
    }

    /// <summary>Runs on the connection's reader: claims <c>message</c> pushes and queues them.</summary>
    private bool TryQueueMessage(RedisResult reply)
    {
        if (reply.Type != RedisResultType.Array)
        {
            return false;
        }
        var items = reply.AsArray();
        if (items.Count == 3 && items[0].AsString() == "message")
        {
            _messages.Writer.TryWrite((items[1].AsString() ?? "", items[2].AsString() ?? ""));
            return true;
        }
        return false;
    }

    private async Task DispatchLoopAsync()
    {
        await foreach (var (channel, message) in _messages.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            Subscription[] targets;
            lock (_handlers)
            {
                targets = _handlers.TryGetValue(channel, out var list) ? [.. list] : [];
            }
            foreach (var target in targets)
            {
                try
                {
                    target.Handler(channel, message);
                }
                catch (Exception ex)
                {
                    Log.HandlerFailed(_logger, channel, ex);
                }
            }
        }
    }

    private sealed class Subscription(SubscriptionHub hub, string channel, Action<string, string> handler) : IAsyncDisposable
    {
        private int _disposed;

        public string Channel { get; } = channel;

        public Action<string, string> Handler { get; } = handler;

        public ValueTask DisposeAsync() =>
            Interlocked.Exchange(ref _disposed, 1) == 0 ? hub.UnsubscribeAsync(this) : ValueTask.CompletedTask;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Re-subscribed {Count} Redis channel(s) after reconnecting.")]
        public static partial void Resubscribed(ILogger logger, int count);

        [LoggerMessage(2, LogLevel.Error, "A handler for Redis channel {Channel} threw; the subscription stays active.")]
        public static partial void HandlerFailed(ILogger logger, string channel, Exception exception);
    }
}
