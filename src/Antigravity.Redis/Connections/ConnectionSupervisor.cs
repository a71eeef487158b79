using Microsoft.Extensions.Logging;

namespace Antigravity.Redis.Connections;

/// <summary>
/// Keeps one <see cref="RespConnection"/> alive: connects, runs the handshake and the caller's
/// <c>onConnected</c> step, waits for the connection to drop, then reconnects with capped exponential
/// backoff (100 ms doubling to 2 s). While no connection is up, <see cref="GetConnectionAsync"/> fails at
/// once, except during the very first attempt, which callers wait for.
/// </summary>
internal sealed partial class ConnectionSupervisor : IAsyncDisposable
{
    private static readonly TimeSpan InitialBackoff = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(2);

    private readonly string _role;
    private readonly RedisConnectionOptions _options;
    private readonly string _endpoint;
    private readonly bool _selectDatabase;
    private readonly Func<RedisResult, bool>? _push;
    private readonly Func<RespConnection, CancellationToken, Task>? _onConnected;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _firstAttempt = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile RespConnection? _current;
    private volatile Exception? _lastError;
    private Task _loop = Task.CompletedTask;

    public ConnectionSupervisor(
        string role,
        RedisConnectionOptions options,
        bool selectDatabase,
        Func<RedisResult, bool>? push,
        Func<RespConnection, CancellationToken, Task>? onConnected,
        ILogger logger)
    {
        _role = role;
        _options = options;
        _endpoint = RedisEndpoint.Describe(options);
        _selectDatabase = selectDatabase;
        _push = push;
        _onConnected = onConnected;
        _logger = logger;
    }

    /// <summary>Raised (on the supervisor's loop) with the new state and, when lost, the reason.</summary>
    public event Action<bool, Exception?>? StateChanged;

    public bool IsConnected => _current is { IsOpen: true };

    /// <summary>Completes once the first connect attempt has succeeded or failed.</summary>
    public Task FirstAttempt => _firstAttempt.Task;

    public Exception? LastError => _lastError;

    public void Start() => _loop = Task.Run(() => RunAsync(_stopping.Token));

    /// <summary>The live connection; fails fast with <see cref="RedisConnectionException"/> when there is none.</summary>
    public ValueTask<RespConnection> GetConnectionAsync(CancellationToken cancellationToken)
    {
        var current = _current;
        if (current is { IsOpen: true })
        {
            return ValueTask.FromResult(current);
        }
        return _firstAttempt.Task.IsCompleted
            ? ValueTask.FromException<RespConnection>(NotConnected())
            : WaitForFirstAttemptAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_current is { } current)
        {
            await current.DisposeAsync().ConfigureAwait(false);
        }
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped while connecting or backing off.
        }
        _firstAttempt.TrySetResult();
        _stopping.Dispose();
    }

    private async ValueTask<RespConnection> WaitForFirstAttemptAsync(CancellationToken cancellationToken)
    {
        await _firstAttempt.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        return _current is { IsOpen: true } current ? current : throw NotConnected();
    }

    private RedisConnectionException NotConnected()
    {
        ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
        var reason = _lastError?.Message;
        return new RedisConnectionException(
            reason is null
                ? $"Not connected to Redis at {_endpoint}; reconnecting in the background."
                : $"Not connected to Redis at {_endpoint}; reconnecting in the background. Last error: {reason}",
            _lastError);
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        var backoff = InitialBackoff;
        while (!stopping.IsCancellationRequested)
        {
            var connection = await TryConnectAsync(stopping).ConfigureAwait(false);
            if (connection is null)
            {
                _firstAttempt.TrySetResult();
                if (stopping.IsCancellationRequested)
                {
                    return;
                }
                await Task.Delay(backoff, stopping).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
                continue;
            }

            backoff = InitialBackoff;
            _current = connection;
            _lastError = null;
            Log.Connected(_logger, _role, _endpoint);
            _firstAttempt.TrySetResult();
            StateChanged?.Invoke(true, null);

            var reason = await connection.Closed.ConfigureAwait(false);
            _current = null;
            await connection.DisposeAsync().ConfigureAwait(false);
            if (stopping.IsCancellationRequested)
            {
                return;
            }
            _lastError = reason;
            Log.ConnectionLost(_logger, _role, _endpoint, reason.Message);
            StateChanged?.Invoke(false, reason);
        }
    }

    private async Task<RespConnection?> TryConnectAsync(CancellationToken stopping)
    {
        RespConnection? connection = null;
        try
        {
            connection = await RespConnection.OpenAsync(_options, _push, stopping).ConfigureAwait(false);
            await RedisHandshake.RunAsync(connection, _options, _selectDatabase, _logger, stopping).ConfigureAwait(false);
            if (_onConnected is not null)
            {
                await _onConnected(connection, stopping).ConfigureAwait(false);
            }
            return connection;
        }
        catch (Exception ex)
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
            if (stopping.IsCancellationRequested)
            {
                return null; // disposing: the failure is expected and nobody waits for it
            }
            var logged = _lastError?.Message != ex.Message;
            _lastError = ex;
            if (logged)
            {
                Log.ConnectFailed(_logger, _role, _endpoint, ex.Message);
            }
            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Redis {Role} connection to {Endpoint} established.")]
        public static partial void Connected(ILogger logger, string role, string endpoint);

        [LoggerMessage(2, LogLevel.Warning, "Redis {Role} connection to {Endpoint} lost: {Reason}. Reconnecting.")]
        public static partial void ConnectionLost(ILogger logger, string role, string endpoint, string reason);

        [LoggerMessage(3, LogLevel.Warning, "Could not connect the Redis {Role} connection to {Endpoint}: {Reason}. Retrying.")]
        public static partial void ConnectFailed(ILogger logger, string role, string endpoint, string reason);
    }
}
