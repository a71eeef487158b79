using System.Text;
using Antigravity.UpstreamEmulator.State;

namespace Antigravity.UpstreamEmulator.Streaming;

/// <summary>Applies the delivery side of scripted behaviours: the first-byte delay and, for whole bodies, the cut.</summary>
internal static class ScriptedDelivery
{
    public static async Task DelayFirstByteAsync(HttpContext context, ScriptedOutcome outcome)
    {
        if (outcome.FirstByteDelay > TimeSpan.Zero)
        {
            await Task.Delay(outcome.FirstByteDelay, context.RequestAborted);
        }
    }

    /// <summary>
    /// Drops the connection without ending the response. Aborting resets the socket and would discard bytes the
    /// transport has not sent yet, so the bytes already flushed get a moment to reach the client first.
    /// </summary>
    public static async Task AbortAfterDrainAsync(HttpContext context)
    {
        await Task.Delay(s_drainGrace, CancellationToken.None);
        context.Abort();
    }

    private static readonly TimeSpan s_drainGrace = TimeSpan.FromMilliseconds(100);

    /// <summary>A non-streaming JSON answer that a <c>cut_stream</c> rule truncates half-way.</summary>
    public static IResult Json(string json, ScriptedOutcome outcome, string contentType = "application/json; charset=UTF-8") =>
        new CutAwareJson(json, outcome.CutAfterEvents is not null, contentType);

    private sealed class CutAwareJson(string json, bool cut, string contentType) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status200OK;
            httpContext.Response.ContentType = contentType;
            if (!cut)
            {
                await httpContext.Response.WriteAsync(json, Encoding.UTF8, httpContext.RequestAborted);
                return;
            }
            await httpContext.Response.WriteAsync(json[..(json.Length / 2)], Encoding.UTF8, httpContext.RequestAborted);
            await httpContext.Response.Body.FlushAsync(httpContext.RequestAborted);
            await AbortAfterDrainAsync(httpContext);
        }
    }
}
