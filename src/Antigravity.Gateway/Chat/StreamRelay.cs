using System.IO.Pipelines;
using Antigravity.Protocols.Gemini;
using Antigravity.Protocols.Sse;

namespace Antigravity.Gateway.Chat;

/// <summary>Reads an upstream SSE stream of Gemini events and hands each to a consumer as it arrives.</summary>
internal static class StreamRelay
{
    /// <summary>
    /// Feeds every upstream event to <paramref name="onEvent"/>; while the upstream is silent for
    /// <paramref name="keepAlive"/>, calls <paramref name="onIdle"/> (when given). Returns when the upstream ends.
    /// </summary>
    public static async Task ReadEventsAsync(
        Stream upstream,
        Func<GeminiGenerateContentResponse, ReadOnlyMemory<byte>, ValueTask> onEvent,
        Func<ValueTask>? onIdle,
        TimeSpan keepAlive,
        CancellationToken cancellationToken,
        Protocols.Upstreams.IUpstreamDecoder? decoder = null,
        Func<SseEvent, ValueTask>? onRawEvent = null)
    {
        var parser = new SseParser();
        var buffer = new byte[16 * 1024];
        Task<int>? pending = null;
        while (true)
        {
            pending ??= upstream.ReadAsync(buffer, cancellationToken).AsTask();
            int read;
            if (onIdle is null)
            {
                read = await pending.ConfigureAwait(false);
            }
            else
            {
                try
                {
                    read = await pending.WaitAsync(keepAlive, cancellationToken).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    await onIdle().ConfigureAwait(false);
                    continue;
                }
            }
            pending = null;
            if (read == 0)
            {
                parser.Complete();
                await DrainAsync(parser, onEvent, decoder, onRawEvent).ConfigureAwait(false);
                if (decoder is not null)
                {
                    var remaining = new List<GeminiGenerateContentResponse>();
                    decoder.Complete(remaining);
                    await EmitAsync(remaining, onEvent).ConfigureAwait(false);
                }
                return;
            }
            parser.Append(buffer.AsSpan(0, read));
            await DrainAsync(parser, onEvent, decoder, onRawEvent).ConfigureAwait(false);
        }
    }

    private static async ValueTask DrainAsync(
        SseParser parser,
        Func<GeminiGenerateContentResponse, ReadOnlyMemory<byte>, ValueTask> onEvent,
        Protocols.Upstreams.IUpstreamDecoder? decoder,
        Func<SseEvent, ValueTask>? onRawEvent)
    {
        List<GeminiGenerateContentResponse>? decoded = null;
        while (parser.TryRead(out var sseEvent))
        {
            if (onRawEvent is not null)
            {
                // Pass-through: the client gets the upstream's own event before it is decoded for bookkeeping.
                await onRawEvent(sseEvent).ConfigureAwait(false);
            }
            if (sseEvent.IsDone || sseEvent.Data.IsEmpty)
            {
                continue;
            }
            if (decoder is not null)
            {
                // Anthropic/OpenAI upstream events become Gemini events for the client's writer.
                decoded ??= [];
                decoded.Clear();
                try
                {
                    decoder.Decode(sseEvent.EventType, sseEvent.Data.Span, decoded);
                }
                catch (Protocols.Upstreams.UpstreamEventException exception)
                {
                    throw new UpstreamStreamException(exception.Message);
                }
                await EmitAsync(decoded, onEvent).ConfigureAwait(false);
                continue;
            }
            GeminiGenerateContentResponse? parsed;
            try
            {
                parsed = CloudCodeEnvelope.ParseResponse(sseEvent.Data);
            }
            catch (System.Text.Json.JsonException)
            {
                throw new UpstreamStreamException("The upstream sent an event that is not valid JSON.");
            }
            if (parsed is not null)
            {
                await onEvent(parsed, sseEvent.Data).ConfigureAwait(false);
            }
        }
    }

    private static async ValueTask EmitAsync(List<GeminiGenerateContentResponse> events, Func<GeminiGenerateContentResponse, ReadOnlyMemory<byte>, ValueTask> onEvent)
    {
        foreach (var translated in events)
        {
            await onEvent(translated, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(translated, GeminiJsonContext.Default.GeminiGenerateContentResponse)).ConfigureAwait(false);
        }
    }

    /// <summary>Sets the headers of a streaming answer.</summary>
    public static void PrepareStreamingResponse(HttpResponse response, string contentType)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
    }

    /// <summary>Flushes <paramref name="output"/>.</summary>
    public static async ValueTask FlushAsync(PipeWriter output, CancellationToken cancellationToken) =>
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
}

/// <summary>The upstream stream broke or sent garbage after it started.</summary>
internal sealed class UpstreamStreamException(string message) : Exception(message);
