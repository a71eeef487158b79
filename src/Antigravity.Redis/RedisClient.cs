using System.Diagnostics;
using Antigravity.Redis.Connections;
using Antigravity.Redis.Protocol;
using Antigravity.Redis.PubSub;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Antigravity.Redis;

/// <summary>
/// The RESP2 implementation of <see cref="IRedisClient"/>: one multiplexed, pipelined command connection
/// shared by all callers and one dedicated pub/sub connection, both reconnected in the background.
/// </summary>
/// <remarks>
/// Create it once and share it (it is thread-safe). While the server is unreachable every call fails at once
/// with <see cref="RedisConnectionException"/>; commands in flight when a connection drops fail the same way.
/// A command that gets no reply within <see cref="RedisConnectionOptions.CommandTimeout"/> fails with
/// <see cref="RedisTimeoutException"/>; cancelling a call never desynchronises the connection (its reply is
/// read and dropped). See <c>README.md</c> in this project for differences between Garnet and redis-server.
/// </remarks>
public sealed partial class RedisClient : IRedisClient
{
    private readonly RedisConnectionOptions _options;
    private readonly string _endpoint;
    private readonly ILogger _logger;
    private readonly ConnectionSupervisor _commands;
    private readonly SubscriptionHub _subscriptions;
    private readonly SerialDispatcher _stateEvents = new();
    private int _disposed;

    private RedisClient(RedisConnectionOptions options, ILogger<RedisClient>? logger)
    {
        _options = options;
        _endpoint = RedisEndpoint.Describe(options);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _commands = new ConnectionSupervisor("command", options, selectDatabase: true, push: null, onConnected: null, _logger);
        _commands.StateChanged += OnCommandConnectionStateChanged;
        _subscriptions = new SubscriptionHub(options, _logger);
    }

    /// <inheritdoc />
    public bool IsConnected => _commands.IsConnected;

    /// <inheritdoc />
    public event EventHandler<RedisConnectionStateChangedEventArgs>? ConnectionStateChanged;

    /// <summary>
    /// Creates a client and returns at once; it connects in the background. Calls made during the first
    /// connect attempt wait for it; later, calls fail fast until the connection is back.
    /// </summary>
    public static RedisClient Create(RedisConnectionOptions options, ILogger<RedisClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var client = new RedisClient(options, logger);
        client._commands.Start();
        client._subscriptions.Start();
        return client;
    }

    /// <summary>
    /// Creates a client and waits for its first connect attempt. When <see cref="RedisConnectionOptions.AbortConnect"/>
    /// is true and the server cannot be reached within <see cref="RedisConnectionOptions.ConnectTimeout"/>, throws
    /// <see cref="RedisConnectionException"/>; otherwise returns a client that keeps retrying.
    /// </summary>
    public static async Task<RedisClient> ConnectAsync(RedisConnectionOptions options, ILogger<RedisClient>? logger = null, CancellationToken cancellationToken = default)
    {
        var client = Create(options, logger);
        try
        {
            await Task.WhenAll(client._commands.FirstAttempt, client._subscriptions.Supervisor.FirstAttempt)
                .WaitAsync(cancellationToken).ConfigureAwait(false);
            if (options.AbortConnect && !(client._commands.IsConnected && client._subscriptions.Supervisor.IsConnected))
            {
                var error = client._commands.LastError ?? client._subscriptions.Supervisor.LastError;
                throw new RedisConnectionException(
                    $"Could not connect to Redis at {client._endpoint} within {options.ConnectTimeout.TotalMilliseconds:0} ms: {error?.Message}", error);
            }
            return client;
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async Task<RedisResult> ExecuteAsync(string command, IReadOnlyList<string> args, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(command);
        ArgumentNullException.ThrowIfNull(args);
        ConnectionBoundCommands.ThrowIfRejected(command, args);
        return ThrowIfError(await SendAsync(command, args, cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public async Task<IAsyncDisposable> SubscribeAsync(string channel, Action<string, string> handler, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ArgumentNullException.ThrowIfNull(handler);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return await _subscriptions.SubscribeAsync(channel, handler, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes both connections; calls still waiting fail with <see cref="RedisConnectionException"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        _commands.StateChanged -= OnCommandConnectionStateChanged;
        await _subscriptions.DisposeAsync().ConfigureAwait(false);
        await _commands.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Sends one command and returns its reply, error replies included.</summary>
    internal async Task<RedisResult> SendAsync(string command, IReadOnlyList<string> args, CancellationToken cancellationToken) =>
        (await SendBatchAsync(command, RespWriter.Encode(command, args), 1, cancellationToken).ConfigureAwait(false))[0];

    /// <summary>Sends an encoded batch in one piece and returns its <paramref name="replies"/> replies.</summary>
    internal async Task<RedisResult[]> SendBatchAsync(string description, byte[] payload, int replies, CancellationToken cancellationToken)
    {
        var connection = await GetConnectionAsync(cancellationToken).ConfigureAwait(false);
        var pending = new PendingReply(description, payload, replies);
        connection.Enqueue(pending);
        return await WaitForRepliesAsync(connection, pending, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The live command connection; fails fast when there is none.</summary>
    internal ValueTask<RespConnection> GetConnectionAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        cancellationToken.ThrowIfCancellationRequested();
        return _commands.GetConnectionAsync(cancellationToken);
    }

    /// <summary>
    /// Waits for a queued command's replies within the command timeout. A caller that gives up leaves the
    /// command in the reply queue (its replies will be read and dropped), or unsent when it was not sent yet.
    /// </summary>
    internal async Task<RedisResult[]> WaitForRepliesAsync(RespConnection connection, PendingReply pending, CancellationToken cancellationToken)
    {
        var waitStarted = Stopwatch.GetTimestamp();
        try
        {
            return await pending.Task.WaitAsync(_options.CommandTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            pending.TryAbandonBeforeSend();
            connection.AbortIfSilentSince(waitStarted);
            throw new RedisTimeoutException(
                $"Redis at {_endpoint} did not answer {pending.Description} within {_options.CommandTimeout.TotalMilliseconds:0} ms.");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            pending.TryAbandonBeforeSend();
            throw;
        }
    }

    internal static RedisResult ThrowIfError(RedisResult result) =>
        result.Type == RedisResultType.Error ? throw new RedisServerException(result.AsString() ?? "ERR") : result;

    private void OnCommandConnectionStateChanged(bool isConnected, Exception? error)
    {
        var handler = ConnectionStateChanged;
        if (handler is null)
        {
            return;
        }
        var args = new RedisConnectionStateChangedEventArgs(isConnected, error);
        // Off the connection's thread, but in order: two thread-pool items could run the other way round.
        _stateEvents.Post(() =>
        {
            try
            {
                handler(this, args);
            }
            catch (Exception ex)
            {
                Log.StateHandlerFailed(_logger, ex);
            }
        });
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "A ConnectionStateChanged handler threw.")]
        public static partial void StateHandlerFailed(ILogger logger, Exception exception);

        [LoggerMessage(2, LogLevel.Information, "Redis at {Endpoint} has no stream commands (Garnet); streams are kept as sorted sets instead.")]
        public static partial void StreamsEmulated(ILogger logger, string endpoint);
    }
}
