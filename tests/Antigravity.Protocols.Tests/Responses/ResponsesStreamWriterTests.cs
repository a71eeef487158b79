using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using Antigravity.Protocols.Responses;
using Antigravity.Protocols.Tests.Translation;

namespace Antigravity.Protocols.Tests.Responses;

/// <summary>
/// Every upstream stream of the golden set, written as Responses API events: what Codex and the OpenAI SDKs rely
/// on — consecutive sequence numbers, items opened and closed once with the same id and index, deltas that add up
/// to the done text, and a terminal event whose response lists exactly the finished items.
/// </summary>
public sealed class ResponsesStreamWriterTests
{
    public static TheoryData<string> Cases => StreamTranslationGoldenTests.Cases;

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_stream_keeps_the_responses_event_invariants(string name)
    {
        var (_, error) = StreamTranslationGoldenTests.Options(name);
        var context = new ResponsesContext("resp_0123456789abcdef0123456789abcdef", 1_700_000_000,
            new ResponsesCall(new ResponsesRequest { Model = "gpt-5-codex" }, []));
        var writer = new ResponsesStreamWriter(context);
        var output = new ArrayBufferWriter<byte>();
        foreach (var upstreamEvent in StreamTranslationGoldenTests.Upstream(name))
        {
            writer.WriteEvent(upstreamEvent, output);
        }

        if (error)
        {
            writer.WriteError(output, "Upstream connection reset");
        }
        else
        {
            writer.Complete(output);
        }

        var events = StreamInvariants.Events(Encoding.UTF8.GetString(output.WrittenSpan));
        var data = events.Select(e => e.Data!).ToList();

        Assert.All(events, e => Assert.Equal(e.Type, e.Data!["type"]!.GetValue<string>()));
        Assert.Equal(Enumerable.Range(0, data.Count), data.Select(d => d["sequence_number"]!.GetValue<int>()));
        Assert.Equal("response.created", events[0].Type);
        Assert.Equal("response.in_progress", events[1].Type);
        Assert.Equal(error ? "response.failed" : "response.completed", events[^1].Type is "response.incomplete" ? "response.completed" : events[^1].Type);
        Assert.Single(events, e => e.Type is "response.completed" or "response.incomplete" or "response.failed");

        var added = data.Where(d => d["type"]!.GetValue<string>() == "response.output_item.added").ToList();
        var done = data.Where(d => d["type"]!.GetValue<string>() == "response.output_item.done").ToList();
        Assert.Equal(added.Select(Id), done.Select(Id));
        Assert.Equal(Enumerable.Range(0, done.Count), done.Select(d => d["output_index"]!.GetValue<int>()));
        foreach (var item in done.Select(d => d["item"]!).Where(item => item["type"]!.GetValue<string>() != "web_search_call"))
        {
            var itemId = item["id"]!.GetValue<string>();
            var deltas = data.Where(d => d["item_id"]?.GetValue<string>() == itemId && d["type"]!.GetValue<string>().EndsWith(".delta", StringComparison.Ordinal))
                .Select(d => d["delta"]!.GetValue<string>());
            var expected = item["type"]!.GetValue<string>() switch
            {
                "message" => item["content"]![0]!["text"]!.GetValue<string>(),
                "reasoning" => item["summary"]![0]!["text"]!.GetValue<string>(),
                _ => item["arguments"]!.GetValue<string>(),
            };
            Assert.Equal(expected, string.Concat(deltas));
        }

        var final = data[^1]["response"]!;
        Assert.Equal(done.Select(Id), final["output"]!.AsArray().Select(item => item!["id"]!.GetValue<string>()));
        Assert.Equal(context.Id, final["id"]!.GetValue<string>());
    }

    [Fact]
    public void A_signed_function_call_is_reported_for_the_signature_cache_under_its_call_id()
    {
        var context = new ResponsesContext("resp_0123456789abcdef0123456789abcdef", 1, new ResponsesCall(new ResponsesRequest { Model = "m" }, []));
        var writer = new ResponsesStreamWriter(context);
        var output = new ArrayBufferWriter<byte>();
        var upstream = System.Text.Json.JsonSerializer.Deserialize(
            """{"candidates":[{"content":{"role":"model","parts":[{"functionCall":{"name":"get_weather","args":{"city":"Paris"}},"thoughtSignature":"c2lnbmF0dXJl"}]},"finishReason":"STOP"}]}""",
            Antigravity.Protocols.Gemini.GeminiJsonContext.Default.GeminiGenerateContentResponse)!;

        writer.WriteEvent(upstream, output);
        writer.Complete(output);

        var call = Assert.Single(writer.Final!.Output, item => item.Type == "function_call");
        var signature = Assert.Single(writer.Signatures);
        Assert.Equal(call.CallId, signature.ToolCallId);
        Assert.Equal("c2lnbmF0dXJl", signature.Signature);
        Assert.Equal("{\"city\":\"Paris\"}", call.Arguments);
    }

    private static string Id(JsonNode node) => node["item"]!["id"]!.GetValue<string>();
}
