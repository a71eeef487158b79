using System.Buffers;
using System.Text.Json;
using Antigravity.Protocols.Anthropic;
using Antigravity.Protocols.Gemini;
using Antigravity.Protocols.OpenAi;
using Antigravity.Protocols.Sse;
using Antigravity.Protocols.Translation;
using Antigravity.Protocols.Usage;

namespace Antigravity.Protocols.Tests.Translation;

/// <summary>
/// Gemini answer (plain or in the Cloud Code envelope) → client answer. The expected file holds the body the
/// client gets, the usage the gateway records and the signatures it caches.
/// </summary>
public sealed class ResponseTranslationGoldenTests
{
    internal static readonly ResponseTranslationOptions OpenAiOptions = new() { Id = "chatcmpl-test", Model = "gpt-4o", CreatedUnixSeconds = 1_700_000_000 };

    internal static readonly ResponseTranslationOptions AnthropicOptions = new() { Id = "msg_test", Model = "claude-sonnet-4-5", CreatedUnixSeconds = 1_700_000_000 };

    public static TheoryData<string> OpenAiCases => GoldenFile.Cases("GeminiToOpenAi");

    public static TheoryData<string> AnthropicCases => GoldenFile.Cases("GeminiToAnthropic");

    public static TheoryData<string> AggregatorCases => GoldenFile.Cases("GeminiResponseAggregator", ".input.sse");

    [Theory]
    [MemberData(nameof(OpenAiCases))]
    public void Gemini_answer_translates_to_openai(string name)
    {
        var response = CloudCodeEnvelope.ParseResponse(GoldenFile.Input("GeminiToOpenAi", name));
        Assert.NotNull(response);

        var result = GeminiToOpenAi.Translate(response, OpenAiOptions);

        GoldenFile.AssertJson("GeminiToOpenAi", name, Envelope(
            JsonSerializer.SerializeToElement(result.Body, OpenAiJsonContext.Default.OpenAiChatCompletion), result.Usage, result.Signatures));
    }

    [Theory]
    [MemberData(nameof(AnthropicCases))]
    public void Gemini_answer_translates_to_anthropic(string name)
    {
        var response = CloudCodeEnvelope.ParseResponse(GoldenFile.Input("GeminiToAnthropic", name));
        Assert.NotNull(response);

        var result = GeminiToAnthropic.Translate(response, AnthropicOptions);

        GoldenFile.AssertJson("GeminiToAnthropic", name, Envelope(
            JsonSerializer.SerializeToElement(result.Body, AnthropicJsonContext.Default.AnthropicMessagesResponse), result.Usage, result.Signatures));
    }

    [Theory]
    [MemberData(nameof(AggregatorCases))]
    public void Streamed_gemini_events_fold_into_one_answer(string name)
    {
        var aggregator = new GeminiResponseAggregator();
        foreach (var data in ReadSse(GoldenFile.Input("GeminiResponseAggregator", name, ".input.sse")))
        {
            aggregator.Add(CloudCodeEnvelope.ParseResponse(data)!);
        }

        GoldenFile.AssertJson("GeminiResponseAggregator", name,
            JsonSerializer.SerializeToUtf8Bytes(aggregator.Build(), GeminiJsonContext.Default.GeminiGenerateContentResponse));
    }

    internal static List<ReadOnlyMemory<byte>> ReadSse(byte[] stream)
    {
        var parser = new SseParser();
        parser.Append(stream);
        parser.Complete();
        var events = new List<ReadOnlyMemory<byte>>();
        while (parser.TryRead(out var e))
        {
            events.Add(e.Data);
        }

        return events;
    }

    private static byte[] Envelope(JsonElement body, TokenUsage usage, IReadOnlyList<Antigravity.Protocols.Thinking.ToolCallSignature> signatures)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("body");
            body.WriteTo(writer);
            writer.WriteStartObject("usage");
            writer.WriteNumber("input", usage.InputTokens);
            writer.WriteNumber("output", usage.OutputTokens);
            writer.WriteNumber("cached", usage.CachedInputTokens);
            writer.WriteNumber("reasoning", usage.ReasoningTokens);
            writer.WriteNumber("total", usage.TotalTokens);
            writer.WriteEndObject();
            writer.WriteStartObject("cachedSignatures");
            foreach (var signature in signatures)
            {
                writer.WriteString(signature.ToolCallId, signature.Signature);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
