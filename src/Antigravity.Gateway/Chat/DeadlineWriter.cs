using System.IO.Pipelines;

namespace Antigravity.Gateway.Chat;

/// <summary>
/// A streaming response's writer whose every flush has a deadline: a client that stops reading (its TCP window
/// full, the flush waiting) is noticed after <c>Proxy:Limits:StreamWriteTimeoutSeconds</c> instead of holding its
/// connection and the upstream call forever. One timer per stream, re-armed for each flush.
/// </summary>
internal sealed class DeadlineWriter(PipeWriter pipe, TimeSpan timeout, CancellationToken clientGone) : IDisposable
{
    private CancellationTokenSource? _deadline;

    /// <summary>Where the events are written.</summary>
    public PipeWriter Pipe { get; } = pipe;

    /// <summary>True once a flush missed its deadline.</summary>
    public bool TimedOut { get; private set; }

    /// <summary>Flushes; throws <see cref="OperationCanceledException"/> when the client left or the deadline passed.</summary>
    public async ValueTask FlushAsync()
    {
        _deadline ??= CancellationTokenSource.CreateLinkedTokenSource(clientGone);
        _deadline.CancelAfter(timeout);
        FlushResult result;
        try
        {
            result = await Pipe.FlushAsync(_deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!clientGone.IsCancellationRequested)
        {
            TimedOut = true;
            throw;
        }
        if (result.IsCanceled)
        {
            TimedOut = !clientGone.IsCancellationRequested;
            throw new OperationCanceledException("The client did not take the stream's data in time.");
        }
        _deadline.CancelAfter(Timeout.InfiniteTimeSpan);
    }

    public void Dispose() => _deadline?.Dispose();
}
