using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Antigravity.Protocols.Anthropic;
using Antigravity.Protocols.Gemini;
using Antigravity.Protocols.OpenAi;
using Antigravity.Protocols.Tests.Translation;
using Antigravity.Protocols.Thinking;
using Antigravity.Protocols.Translation;

namespace Antigravity.Protocols.Tests.Thinking;

/// <summary>
/// The most reported failure: "Invalid signature in thinking block" / "Function call is missing a
/// thought_signature". A signature the upstream sent must reach the next upstream request byte-exact,
/// on the same kind of part, whether the client keeps it or drops it (then the cache heals it) — and
/// nothing is ever invented.
/// </summary>
public sealed class SignatureRoundTripTests
{
    // Deliberately awkward bytes: base64 specials, padding, a JSON-escaped slash candidate.
    private const string ThoughtSignature = "EqQBCkYIARgCKkD/thought+sig\\u003d==";
    private const string CallSignature = "CiQB0e2Kb/call+sig/==";

    private static GeminiGenerateContentResponse[] UpstreamTurn() =>
    [
        Parse("""{"candidates":[{"content":{"role":"model","parts":[{"text":"Plan: read it.","thought":true,"thoughtSignature":"EqQBCkYIARgCKkD/thought+sig\\u003d=="}]}}],"usageMetadata":{"promptTokenCount":5,"totalTokenCount":5}}"""),
        Parse("""{"candidates":[{"content":{"role":"model","parts":[{"functionCall":{"name":"read","args":{"path":"a"}},"thoughtSignature":"CiQB0e2Kb/call+sig/=="}]},"finishReason":"STOP"}],"usageMetadata":{"promptTokenCount":5,"candidatesTokenCount":3,"totalTokenCount":8}}"""),
    ];

    [Fact]
    public async Task Anthropic_client_that_keeps_blocks_sends_both_signatures_back_byte_exact()
    {
        var (assistant, writer) = StreamToAnthropic();

        var next = await NextAnthropicTurnAsync(assistant, toolUseId: ToolId(assistant), cache: null);

        var parts = ModelParts(next);
        Assert.Equal(ThoughtSignature, parts[0].ThoughtSignature);
        Assert.True(parts[0].Thought);
        Assert.Equal("Plan: read it.", parts[0].Text);
        Assert.Equal(CallSignature, parts[1].ThoughtSignature);
        Assert.Equal("read", parts[1].FunctionCall!.Name);
        Assert.Equal(writer.Signatures[0].Signature, parts[1].ThoughtSignature);
    }

    [Fact]
    public async Task Anthropic_client_that_drops_thinking_blocks_is_healed_from_the_cache()
    {
        var (assistant, writer) = StreamToAnthropic();
        var cache = new InMemorySignatureCache();
        await cache.StoreAsync("session-1", writer.Signatures);
        var withoutThinking = new JsonArray([.. assistant.Where(b => b!["type"]!.GetValue<string>() != "thinking").Select(b => b!.DeepClone())]);

        var next = await NextAnthropicTurnAsync(withoutThinking, ToolId(assistant), cache);

        var call = Assert.Single(ModelParts(next));
        Assert.Equal(CallSignature, call.ThoughtSignature);
    }

    [Fact]
    public async Task Without_a_cache_entry_a_dropped_signature_stays_absent()
    {
        var (assistant, _) = StreamToAnthropic();
        var withoutThinking = new JsonArray([.. assistant.Where(b => b!["type"]!.GetValue<string>() != "thinking").Select(b => b!.DeepClone())]);

        var next = await NextAnthropicTurnAsync(withoutThinking, ToolId(assistant), new InMemorySignatureCache());

        Assert.Null(Assert.Single(ModelParts(next)).ThoughtSignature);
    }

    [Fact]
    public async Task OpenAi_client_sends_the_call_signature_back_in_extra_content_or_is_healed()
    {
        var writer = new OpenAiStreamWriter(ResponseTranslationGoldenTests.OpenAiOptions);
        var output = new ArrayBufferWriter<byte>();
        foreach (var e in UpstreamTurn())
        {
            writer.WriteEvent(e, output);
        }

        writer.Complete(output);
        var call = StreamInvariants.Events(Encoding.UTF8.GetString(output.WrittenSpan))
            .Select(e => e.Data?["choices"]?[0]?["delta"]?["tool_calls"]?[0])
            .Single(c => c is not null)!;
        var id = call["id"]!.GetValue<string>();
        var cache = new InMemorySignatureCache();
        await cache.StoreAsync("s", writer.Signatures);

        var kept = await NextOpenAiTurnAsync(call.DeepClone(), id, cache: null);
        var dropped = call.DeepClone().AsObject();
        dropped.Remove("extra_content");
        var healed = await NextOpenAiTurnAsync(dropped, id, cache);

        Assert.Equal(CallSignature, ModelParts(kept).Single().ThoughtSignature);
        Assert.Equal(CallSignature, ModelParts(healed).Single().ThoughtSignature);
    }

    private static (JsonArray Content, AnthropicStreamWriter Writer) StreamToAnthropic()
    {
        var writer = new AnthropicStreamWriter(ResponseTranslationGoldenTests.AnthropicOptions);
        var output = new ArrayBufferWriter<byte>();
        foreach (var e in UpstreamTurn())
        {
            writer.WriteEvent(e, output);
        }

        writer.Complete(output);
        var blocks = StreamInvariants.FoldAnthropic(Encoding.UTF8.GetString(output.WrittenSpan));
        var json = new JsonArray();
        foreach (var block in blocks)
        {
            json.Add(JsonNode.Parse(JsonSerializer.Serialize(block, AnthropicJsonContext.Default.AnthropicContentBlock)));
        }

        return (json, writer);
    }

    private static string ToolId(JsonArray assistant) =>
        assistant.Single(b => b!["type"]!.GetValue<string>() == "tool_use")!["id"]!.GetValue<string>();

    private static async Task<GeminiGenerateContentRequest> NextAnthropicTurnAsync(JsonArray assistant, string toolUseId, ISignatureCache? cache)
    {
        var body = new JsonObject
        {
            ["model"] = "gemini-3-pro-preview",
            ["max_tokens"] = 1000,
            ["messages"] = new JsonArray(
                new JsonObject { ["role"] = "user", ["content"] = "Read a" },
                new JsonObject { ["role"] = "assistant", ["content"] = assistant.DeepClone() },
                new JsonObject
                {
                    ["role"] = "user",
                    ["content"] = new JsonArray(new JsonObject { ["type"] = "tool_result", ["tool_use_id"] = toolUseId, ["content"] = "text of a" }),
                }),
        };
        var parsed = AnthropicRequestParser.Parse(Encoding.UTF8.GetBytes(body.ToJsonString()));
        Assert.True(parsed.IsSuccess, parsed.Error?.ToString());
        var result = await AnthropicToGemini.TranslateAsync(parsed.Value, new RequestTranslationOptions
        {
            UpstreamModel = "gemini-3-pro-preview",
            SessionKey = "session-1",
            SignatureCache = cache,
        });
        Assert.True(result.IsSuccess, result.Error?.ToString());
        return result.Value;
    }

    private static async Task<GeminiGenerateContentRequest> NextOpenAiTurnAsync(JsonNode toolCall, string id, ISignatureCache? cache)
    {
        var body = new JsonObject
        {
            ["model"] = "gpt-4o",
            ["messages"] = new JsonArray(
                new JsonObject { ["role"] = "user", ["content"] = "Read a" },
                new JsonObject { ["role"] = "assistant", ["content"] = null, ["tool_calls"] = new JsonArray(toolCall) },
                new JsonObject { ["role"] = "tool", ["tool_call_id"] = id, ["content"] = "text of a" }),
        };
        var parsed = OpenAiRequestParser.Parse(Encoding.UTF8.GetBytes(body.ToJsonString()));
        Assert.True(parsed.IsSuccess, parsed.Error?.ToString());
        var result = await OpenAiToGemini.TranslateAsync(parsed.Value, new RequestTranslationOptions
        {
            UpstreamModel = "gemini-2.5-flash",
            SessionKey = "s",
            SignatureCache = cache,
        });
        Assert.True(result.IsSuccess, result.Error?.ToString());
        return result.Value;
    }

    private static IReadOnlyList<GeminiPart> ModelParts(GeminiGenerateContentRequest request) =>
        request.Contents!.Single(c => c!.Role == "model")!.Parts!;

    private static GeminiGenerateContentResponse Parse(string json) =>
        JsonSerializer.Deserialize(json, GeminiJsonContext.Default.GeminiGenerateContentResponse)!;
}
