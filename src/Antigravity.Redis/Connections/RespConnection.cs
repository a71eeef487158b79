using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Threading.Channels;
using Antigravity.Redis.Protocol;

namespace Antigravity.Redis.Connections;

/// <summary>
/// One TCP (optionally TLS) connection speaking RESP. Many callers share it: a single writer loop sends
/// queued commands back to back (pipelining, one flush per batch) and a single reader loop matches the
/// replies to them first-in first-out. Replies the <c>push</c> callback claims (pub/sub messages) never
/// reach that queue. When anything goes wrong the connection fails every waiting caller and completes
/// <see cref="Closed"/>; it is never reused.
/// </summary>
internal sealed class RespConnection : IAsyncDisposable
{
    private const int FlushThreshold = 64 * 1024;

    private readonly Stream _stream;
    private readonly string _endpoint;
    private readonly Func<RedisResult, bool>? _push;
    private readonly Channel<PendingReply> _outgoing = Channel.CreateUnbounded<PendingReply>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Queue<PendingReply> _pending = new();
    private readonly TaskCompletionSource<Exception> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _aborted = new();
    private Exception? _failure;
    private long _lastReadTimestamp = Stopwatch.GetTimestamp();
    private Task _writeLoop = Task.CompletedTask;
    private Task _readLoop = Task.CompletedTask;

    private RespConnection(Stream stream, string endpoint, Func<RedisResult, bool>? push)
    {
        _stream = stream;
        _endpoint = endpoint;
        _push = push;
    }

    /// <summary>Completes, with the reason, when the connection is no longer usable.</summary>
    public Task<Exception> Closed => _closed.Task;

    public bool IsOpen => Volatile.Read(ref _failure) is null;

    /// <summary>Connects (see <see cref="RedisTransport"/>) and starts the loops.</summary>
    public static async Task<RespConnection> OpenAsync(RedisConnectionOptions options, Func<RedisResult, bool>? push, CancellationToken cancellationToken)
    {
        var stream = await RedisTransport.OpenAsync(options, cancellationToken).ConfigureAwait(false);
        var connection = new RespConnection(stream, RedisEndpoint.Describe(options), push);
        connection._writeLoop = Task.Run(connection.WriteLoopAsync, CancellationToken.None);
        connection._readLoop = Task.Run(connection.ReadLoopAsync, CancellationToken.None);
        return connection;
    }

    /// <summary>Queues a command; its replies complete <see cref="PendingReply.Task"/>.</summary>
    /// <exception cref="RedisConnectionException">The connection is already closed.</exception>
    public void Enqueue(PendingReply reply)
    {
        if (Volatile.Read(ref _failure) is not null || !_outgoing.Writer.TryWrite(reply))
        {
            throw Lost(Volatile.Read(ref _failure));
        }
    }

    /// <summary>Sends <paramref name="payload"/> and waits for <paramref name="replies"/> replies (used during the handshake).</summary>
    public async Task<RedisResult[]> SendAsync(string description, byte[] payload, int replies, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var pending = new PendingReply(description, payload, replies);
        Enqueue(pending);
        try
        {
            return await pending.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new RedisTimeoutException($"Redis at {_endpoint} did not answer {description} within {timeout.TotalMilliseconds:0} ms.");
        }
    }

    /// <summary>
    /// Called when a command timed out: if the server has sent nothing at all since
    /// <paramref name="waitStartedTimestamp"/> (a <see cref="Stopwatch"/> timestamp taken when the caller started
    /// waiting, a whole command timeout ago), it is hung or unreachable, so the connection is closed (everyone
    /// waiting fails now, and the client reconnects) instead of letting every later command wait for its own
    /// timeout. Comparing timestamps rather than durations keeps timer granularity from hiding a dead server.
    /// </summary>
    public void AbortIfSilentSince(long waitStartedTimestamp)
    {
        var lastRead = Interlocked.Read(ref _lastReadTimestamp);
        if (lastRead <= waitStartedTimestamp)
        {
            Abort(new TimeoutException($"the server sent nothing for {Stopwatch.GetElapsedTime(lastRead).TotalMilliseconds:0} ms"));
        }
    }

    /// <summary>Closes the connection; waiting callers fail with <see cref="RedisConnectionException"/>.</summary>
    public void Abort(Exception reason)
    {
        PendingReply[] stranded;
        lock (_pending)
        {
            if (_failure is not null)
            {
                return;
            }
            Volatile.Write(ref _failure, reason);
            stranded = [.. _pending];
            _pending.Clear();
        }

        _outgoing.Writer.TryComplete();
        _aborted.Cancel();
        var error = Lost(reason);
        while (_outgoing.Reader.TryRead(out var queued))
        {
            queued.Fail(error);
        }
        foreach (var waiting in stranded)
        {
            waiting.Fail(error);
        }

        // Disposing the stream is what unblocks a reader waiting on the socket.
        try
        {
            _stream.Dispose();
        }
        catch (IOException)
        {
            // Already broken; nothing more to release.
        }
        _closed.TrySetResult(reason);
    }

    public async ValueTask DisposeAsync()
    {
        Abort(new ObjectDisposedException(nameof(RespConnection), "The Redis client was disposed."));
        await Task.WhenAll(_writeLoop, _readLoop).ConfigureAwait(false);
    }

    private RedisConnectionException Lost(Exception? reason) => reason switch
    {
        ObjectDisposedException => new RedisConnectionException($"The connection to Redis at {_endpoint} was closed by the client.", reason),
        null => new RedisConnectionException($"The connection to Redis at {_endpoint} is closed."),
        _ => new RedisConnectionException($"The connection to Redis at {_endpoint} was lost: {reason.Message}", reason),
    };

    private async Task WriteLoopAsync()
    {
        var writer = PipeWriter.Create(_stream, new StreamPipeWriterOptions(leaveOpen: true));
        try
        {
            var reader = _outgoing.Reader;
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out var command))
                {
                    if (!command.TryMarkSent())
                    {
                        continue; // the caller gave up before it was sent: skip it entirely
                    }
                    Write(writer, command);
                    if (command.Continuation is { } continuation)
                    {
                        // Hold every other caller back until the command that must follow is known.
                        await writer.FlushAsync().ConfigureAwait(false);
                        var next = await continuation.WaitAsync(_aborted.Token).ConfigureAwait(false);
                        next.TryMarkSent();
                        Write(writer, next);
                    }
                    if (writer.UnflushedBytes >= FlushThreshold)
                    {
                        await writer.FlushAsync().ConfigureAwait(false);
                    }
                }
                await writer.FlushAsync().ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            Abort(ex);
        }
    }

    private void Write(PipeWriter writer, PendingReply command)
    {
        lock (_pending)
        {
            if (_failure is not null)
            {
                command.Fail(Lost(_failure));
                return;
            }
            _pending.Enqueue(command);
        }
        writer.Write(command.Payload.AsSpan());
    }

    private async Task ReadLoopAsync()
    {
        var reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(leaveOpen: true));
        try
        {
            while (true)
            {
                var read = await reader.ReadAsync().ConfigureAwait(false);
                Interlocked.Exchange(ref _lastReadTimestamp, Stopwatch.GetTimestamp());
                var buffer = read.Buffer;
                while (RespParser.TryParse(buffer, out var reply, out var consumed))
                {
                    buffer = buffer.Slice(consumed);
                    Deliver(reply);
                }
                reader.AdvanceTo(buffer.Start, buffer.End);
                if (read.IsCompleted)
                {
                    Abort(new IOException("the server closed the connection"));
                    return;
                }
            }
        }
        catch (Exception ex)
        {
            Abort(ex);
        }
    }

    private void Deliver(RedisResult reply)
    {
        if (_push is not null && _push(reply))
        {
            return;
        }
        PendingReply? waiting;
        lock (_pending)
        {
            if (!_pending.TryPeek(out waiting))
            {
                throw new RedisProtocolException($"the server sent a reply nobody asked for ({reply.Type})");
            }
        }
        if (waiting.Accept(reply))
        {
            lock (_pending)
            {
                _pending.TryDequeue(out _);
            }
        }
    }
}
