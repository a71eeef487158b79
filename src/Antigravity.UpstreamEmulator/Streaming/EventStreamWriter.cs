using System.Text;

namespace Antigravity.UpstreamEmulator.Streaming;

/// <summary>
/// Writes server-sent events, flushing each one so timing on the wire is real, and cuts the connection after a
/// scripted number of events (the <c>cut_stream</c> behaviour) or falls silent for a while after some
/// (<c>stall_stream</c>).
/// </summary>
internal sealed class EventStreamWriter(HttpContext context, SseFraming framing, State.ScriptedOutcome outcome)
{
    private readonly HttpResponse _response = context.Response;
    private readonly int? cutAfterEvents = outcome.CutAfterEvents;
    private int _written;

    /// <summary>True once the scripted cut has happened; callers stop writing.</summary>
    public bool Cut { get; private set; }

    public async Task StartAsync(string contentType = "text/event-stream")
    {
        _response.StatusCode = StatusCodes.Status200OK;
        _response.ContentType = contentType;
        _response.Headers.CacheControl = "no-cache";
        _response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();
        await _response.StartAsync(context.RequestAborted);
        if (cutAfterEvents == 0)
        {
            await CutNowAsync();
        }
    }

    /// <summary>Writes one event. <paramref name="eventName"/> is used by the Anthropic framing only.</summary>
    public async Task WriteAsync(string json, string? eventName = null)
    {
        if (Cut)
        {
            return;
        }
        var frame = framing switch
        {
            SseFraming.Google => $"data: {json}\r\n\r\n",
            SseFraming.Anthropic => $"event: {eventName}\ndata: {json}\n\n",
            _ => $"data: {json}\n\n",
        };
        await WriteFrameAsync(frame);
    }

    /// <summary>Writes raw bytes as one unit (used by the JSON-array stream of the Gemini API).</summary>
    public async Task WriteFrameAsync(string frame)
    {
        if (Cut)
        {
            return;
        }
        if (outcome.StallAfterEvents == _written && outcome.StallFor > TimeSpan.Zero)
        {
            await Task.Delay(outcome.StallFor, context.RequestAborted);
        }
        await _response.WriteAsync(frame, Encoding.UTF8, context.RequestAborted);
        await _response.Body.FlushAsync(context.RequestAborted);
        _written++;
        if (cutAfterEvents is int limit && _written >= limit)
        {
            await CutNowAsync();
        }
    }

    /// <summary>Writes a frame that does not count as an event (OpenAI's <c>[DONE]</c>, closing brackets).</summary>
    public async Task WriteTrailerAsync(string frame)
    {
        if (Cut)
        {
            return;
        }
        await _response.WriteAsync(frame, Encoding.UTF8, context.RequestAborted);
        await _response.Body.FlushAsync(context.RequestAborted);
    }

    private async Task CutNowAsync()
    {
        Cut = true;
        await ScriptedDelivery.AbortAfterDrainAsync(context);
    }
}
