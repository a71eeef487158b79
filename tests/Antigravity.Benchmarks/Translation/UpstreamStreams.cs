using System.Text;
using System.Text.Json.Nodes;

namespace Antigravity.Benchmarks.Translation;

/// <summary>
/// Cloud Code <c>streamGenerateContent?alt=sse</c> answers (the <c>{"response": …}</c> envelope, CRLF framing
/// as Google sends it), built the same way every run.
/// </summary>
public static class UpstreamStreams
{
    /// <summary>Events in every stream, so per-event figures of different kinds compare.</summary>
    public const int EventsPerStream = 100;

    /// <summary>The stream kinds the stream benchmarks take as a parameter.</summary>
    public static IEnumerable<string> Kinds => ["text", "thinking-tools"];

    /// <summary>The SSE bytes of a stream kind and how many events it holds.</summary>
    public static (byte[] Sse, int Events) Build(string kind)
    {
        var events = new List<JsonObject>();
        if (kind == "thinking-tools")
        {
            for (var i = 0; i < 20; i++)
            {
                events.Add(Event(new JsonObject { ["text"] = $"Considering option {i} before reading files. ", ["thought"] = true }));
            }
            events.Add(Event(new JsonObject { ["text"] = "", ["thought"] = true, ["thoughtSignature"] = Convert.ToBase64String(new byte[49]) }));
            AddText(events, EventsPerStream - 23);
            events.Add(Event(new JsonObject
            {
                ["functionCall"] = new JsonObject { ["name"] = "read_file", ["args"] = new JsonObject { ["path"] = "src/Program.cs" } },
                ["thoughtSignature"] = Convert.ToBase64String(new byte[49]),
            }));
            events.Add(Event(new JsonObject { ["functionCall"] = new JsonObject { ["name"] = "read_file", ["args"] = new JsonObject { ["path"] = "README.md" } } }));
        }
        else
        {
            AddText(events, EventsPerStream);
        }

        var last = events[^1];
        last["response"]!["candidates"]![0]!["finishReason"] = "STOP";
        last["response"]!["usageMetadata"] = new JsonObject { ["promptTokenCount"] = 1200, ["candidatesTokenCount"] = 400, ["totalTokenCount"] = 1600 };

        var sse = new StringBuilder();
        foreach (var e in events)
        {
            sse.Append("data: ").Append(e.ToJsonString()).Append("\r\n\r\n");
        }
        return (Encoding.UTF8.GetBytes(sse.ToString()), events.Count);
    }

    private static void AddText(List<JsonObject> events, int count)
    {
        for (var i = 0; i < count; i++)
        {
            events.Add(Event(new JsonObject { ["text"] = $"token run {i} of the answer, " }));
        }
    }

    private static JsonObject Event(JsonObject part) => new()
    {
        ["response"] = new JsonObject
        {
            ["candidates"] = new JsonArray(new JsonObject { ["content"] = new JsonObject { ["role"] = "model", ["parts"] = new JsonArray(part) } }),
            ["usageMetadata"] = new JsonObject { ["promptTokenCount"] = 1200, ["totalTokenCount"] = 1200 },
            ["modelVersion"] = "gemini-2.5-flash",
        },
        ["traceId"] = "0123456789abcdef",
    };
}
