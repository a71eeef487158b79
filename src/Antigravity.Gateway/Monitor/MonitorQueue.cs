using System.Threading.Channels;
using Antigravity.Contracts.Monitor;

namespace Antigravity.Gateway.Monitor;

/// <summary>A finished request on its way to Redis, with what must still be redacted.</summary>
/// <param name="Record">The record (its error not yet shortened or redacted).</param>
/// <param name="RequestHeaders">Request headers (body logging only).</param>
/// <param name="RequestBody">The request body (body logging only).</param>
/// <param name="RequestContentType">The request's content type.</param>
/// <param name="ResponseBody">The first bytes of the response (body logging only).</param>
/// <param name="ResponseTruncated">True when the response was longer than <paramref name="ResponseBody"/>.</param>
/// <param name="ResponseContentType">The response's content type.</param>
internal sealed record MonitorEntry(
    MonitorRecord Record,
    IReadOnlyList<KeyValuePair<string, string>>? RequestHeaders,
    ReadOnlyMemory<byte>? RequestBody,
    string? RequestContentType,
    ReadOnlyMemory<byte>? ResponseBody,
    bool ResponseTruncated,
    string? ResponseContentType);

/// <summary>
/// The bounded hand-over between requests and <see cref="MonitorWriter"/>. A full queue drops the record and
/// counts it: a slow or absent Redis never holds up an answer.
/// </summary>
internal sealed class MonitorQueue
{
    /// <summary>Most records waiting to be written.</summary>
    public const int Capacity = 4_096;

    private readonly Channel<MonitorEntry> _channel = Channel.CreateBounded<MonitorEntry>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
    });

    private long _dropped;

    /// <summary>The writer's end.</summary>
    public ChannelReader<MonitorEntry> Reader => _channel.Reader;

    /// <summary>Queues <paramref name="entry"/>, or drops and counts it when the queue is full.</summary>
    public void Enqueue(MonitorEntry entry)
    {
        if (!_channel.Writer.TryWrite(entry))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    /// <summary>Records dropped since the last call.</summary>
    public long TakeDropped() => Interlocked.Exchange(ref _dropped, 0);

    /// <summary>Accepts nothing more; the writer drains what is queued and stops.</summary>
    public void Complete() => _channel.Writer.TryComplete();
}
