using System.Text.Json.Nodes;
using Antigravity.UpstreamEmulator.State;
using Antigravity.UpstreamEmulator.Streaming;

namespace Antigravity.UpstreamEmulator.Generation;

/// <summary>
/// Sends a planned Gemini answer: whole (<c>generateContent</c>), as SSE (<c>?alt=sse</c>) or as the streamed
/// JSON array Google sends when <c>alt</c> is absent. <paramref name="wrap"/> puts each object in Cloud Code's
/// <c>{"response": …}</c> envelope, or leaves it bare for the Gemini API.
/// </summary>
internal static class GoogleReplyWriter
{
    public static IResult Whole(ReplyPlan plan, ScriptedOutcome outcome, Func<JsonObject, JsonObject> wrap) =>
        ScriptedDelivery.Json(wrap(GeminiReplyBuilder.Whole(plan, GeminiReplyBuilder.NewResponseId())).ToJsonString(EmulatorJson.Compact), outcome);

    public static IResult Stream(ReplyPlan plan, ScriptedOutcome outcome, Func<JsonObject, JsonObject> wrap, bool sse) =>
        new StreamResult(plan, outcome, wrap, sse);

    private sealed class StreamResult(ReplyPlan plan, ScriptedOutcome outcome, Func<JsonObject, JsonObject> wrap, bool sse) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var writer = new EventStreamWriter(httpContext, SseFraming.Google, outcome);
            var chunks = GeminiReplyBuilder.Chunks(plan, GeminiReplyBuilder.NewResponseId());
            if (sse)
            {
                await writer.StartAsync("text/event-stream");
                foreach (var chunk in chunks)
                {
                    await writer.WriteAsync(wrap(chunk).ToJsonString(EmulatorJson.Compact));
                }
                return;
            }
            await writer.StartAsync("application/json; charset=UTF-8");
            for (var i = 0; i < chunks.Count; i++)
            {
                await writer.WriteFrameAsync((i == 0 ? "[" : ",\r\n") + wrap(chunks[i]).ToJsonString(EmulatorJson.Compact));
            }
            await writer.WriteTrailerAsync("]");
        }
    }
}
