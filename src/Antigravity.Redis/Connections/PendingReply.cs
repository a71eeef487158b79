namespace Antigravity.Redis.Connections;

/// <summary>
/// A caller waiting for the next <see cref="ExpectedReplies"/> replies on a connection. Replies are matched
/// first-in first-out, so an entry stays in the queue even after its caller gave up (timeout or
/// cancellation): its replies are then read and dropped, which keeps the stream in step.
/// </summary>
internal sealed class PendingReply
{
    private const int Queued = 0;
    private const int Sent = 1;
    private const int Abandoned = 2;

    private readonly TaskCompletionSource<RedisResult[]> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly RedisResult[] _replies;
    private int _received;
    private int _state;

    public PendingReply(string description, byte[] payload, int expectedReplies, Task<PendingReply>? continuation = null)
    {
        Continuation = continuation;
        ArgumentOutOfRangeException.ThrowIfLessThan(expectedReplies, 1);
        Description = description;
        Payload = payload;
        _replies = new RedisResult[expectedReplies];
    }

    /// <summary>The command name, for error messages (never its arguments, which may be secrets).</summary>
    public string Description { get; }

    /// <summary>The encoded command(s).</summary>
    public byte[] Payload { get; }

    public int ExpectedReplies => _replies.Length;

    /// <summary>
    /// When set, the writer sends nothing else after this command until the task yields the command to send next.
    /// A transaction uses it to look at the <c>QUEUED</c> replies and then send <c>EXEC</c> or <c>DISCARD</c>
    /// with no other caller's command in between.
    /// </summary>
    public Task<PendingReply>? Continuation { get; }

    /// <summary>True once the writer has sent the command.</summary>
    public bool WasSent => Volatile.Read(ref _state) == Sent;

    public Task<RedisResult[]> Task => _completion.Task;

    /// <summary>Called by the writer just before sending; false when the caller already gave up, so it is not sent.</summary>
    public bool TryMarkSent() => Interlocked.CompareExchange(ref _state, Sent, Queued) == Queued;

    /// <summary>Called when the caller gives up; true when the command was never sent (and never will be).</summary>
    public bool TryAbandonBeforeSend() => Interlocked.CompareExchange(ref _state, Abandoned, Queued) == Queued;

    /// <summary>Records one reply; true when all expected replies have arrived.</summary>
    public bool Accept(RedisResult reply)
    {
        _replies[_received++] = reply;
        if (_received < _replies.Length)
        {
            return false;
        }
        _completion.TrySetResult(_replies);
        return true;
    }

    public void Fail(Exception error) => _completion.TrySetException(error);
}
