using System.Threading.Channels;

namespace Antigravity.Gateway.Hosting;

/// <summary>How the gateway's background writers take their work off a channel: in batches that linger a moment.</summary>
internal static class ChannelBatches
{
    /// <summary>
    /// Waits for the first item, then <paramref name="linger"/> for more (not while <paramref name="stopping"/>: a
    /// stopping gateway drains at once), and moves up to <paramref name="max"/> items into <paramref name="batch"/>.
    /// At one request at a time this turns a write per request into a write per few requests, which the next
    /// request no longer competes with for the CPU. False when the channel is completed and empty.
    /// </summary>
    public static async Task<bool> ReadBatchAsync<T>(this ChannelReader<T> reader, List<T> batch, int max, TimeSpan linger, TimeProvider time, CancellationToken stopping)
    {
        if (!await reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            return false;
        }
        // A full batch is already waiting (a burst beyond what one batch per linger carries): no reason to wait.
        if (!stopping.IsCancellationRequested && !(reader.CanCount && reader.Count >= max))
        {
            // A stop ends the wait: what is queued is written at once.
            await Task.Delay(linger, time, stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        while (batch.Count < max && reader.TryRead(out var item))
        {
            batch.Add(item);
        }
        return true;
    }
}
