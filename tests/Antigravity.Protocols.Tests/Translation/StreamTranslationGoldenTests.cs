using System.Buffers;
using System.Text;
using System.Text.Json;
using Antigravity.Protocols.Anthropic;
using Antigravity.Protocols.Gemini;
using Antigravity.Protocols.Sse;
using Antigravity.Protocols.Translation;

namespace Antigravity.Protocols.Tests.Translation;

/// <summary>
/// Upstream Gemini SSE (<c>.input.sse</c>, fed in small chunks through <see cref="SseParser"/>) → client SSE,
/// compared byte for byte with <c>.expected.sse</c>. <c>.options.json</c> may set <c>includeUsage</c> and
/// <c>error</c> (the stream fails after the last input event).
/// </summary>
public sealed class StreamTranslationGoldenTests
{
    public static TheoryData<string> Cases => GoldenFile.Cases("Streams", ".input.sse");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gemini_stream_translates_to_openai_chunks(string name)
    {
        var options = Options(name);
        var writer = new OpenAiStreamWriter(ResponseTranslationGoldenTests.OpenAiOptions with { IncludeUsage = options.IncludeUsage });
        var output = new ArrayBufferWriter<byte>();

        foreach (var e in Upstream(name))
        {
            writer.WriteEvent(e, output);
        }

        if (options.Error)
        {
            writer.WriteError(output, "Upstream connection reset", "api_error");
        }
        else
        {
            writer.Complete(output);
        }

        var text = Encoding.UTF8.GetString(output.WrittenSpan);
        GoldenFile.AssertText("Streams", name, ".openai.expected.sse", text);
        StreamInvariants.AssertOpenAi(text, options.Error);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gemini_stream_translates_to_anthropic_events(string name)
    {
        var options = Options(name);
        var writer = new AnthropicStreamWriter(ResponseTranslationGoldenTests.AnthropicOptions);
        var output = new ArrayBufferWriter<byte>();

        foreach (var e in Upstream(name))
        {
            writer.WriteEvent(e, output);
        }

        if (options.Error)
        {
            writer.WriteError(output, AnthropicErrorBody.Overloaded, "Upstream connection reset");
        }
        else
        {
            writer.Complete(output);
        }

        var text = Encoding.UTF8.GetString(output.WrittenSpan);
        GoldenFile.AssertText("Streams", name, ".anthropic.expected.sse", text);
        StreamInvariants.AssertAnthropic(text, options.Error);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gemini_stream_passes_through_to_gemini_clients_unwrapped(string name)
    {
        var options = Options(name);
        var writer = new GeminiStreamWriter();
        var output = new ArrayBufferWriter<byte>();

        foreach (var data in ResponseTranslationGoldenTests.ReadSse(GoldenFile.Input("Streams", name, ".input.sse")))
        {
            writer.WriteEvent(data, output);
        }

        if (options.Error)
        {
            writer.WriteError(output, 503, "UNAVAILABLE", "Upstream connection reset");
        }

        GoldenFile.AssertText("Streams", name, ".gemini.expected.sse", Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Streamed_answer_matches_the_non_streaming_translation(string name)
    {
        // Folding the Anthropic events back into a message must give what the non-streaming path gives.
        if (Options(name).Error)
        {
            return;
        }

        var writer = new AnthropicStreamWriter(ResponseTranslationGoldenTests.AnthropicOptions);
        var aggregator = new GeminiResponseAggregator();
        var output = new ArrayBufferWriter<byte>();
        foreach (var e in Upstream(name))
        {
            writer.WriteEvent(e, output);
            aggregator.Add(e);
        }

        writer.Complete(output);
        var streamed = StreamInvariants.FoldAnthropic(Encoding.UTF8.GetString(output.WrittenSpan));
        var whole = GeminiToAnthropic.Translate(aggregator.Build(), ResponseTranslationGoldenTests.AnthropicOptions);

        // The same blocks, but for where the searches stand: a stream learns of them only after the text (Google
        // sends grounding last), while the whole answer puts them first, as Anthropic does.
        Assert.Equal(
            SearchesLast(whole.Body.Content).Select(b => JsonSerializer.Serialize(b, AnthropicJsonContext.Default.AnthropicContentBlock)),
            SearchesLast(streamed).Select(b => JsonSerializer.Serialize(b, AnthropicJsonContext.Default.AnthropicContentBlock)));
        Assert.Equal(whole.Signatures, writer.Signatures);
        Assert.Equal(whole.Usage, writer.Usage);
    }

    private static IEnumerable<AnthropicContentBlock> SearchesLast(IEnumerable<AnthropicContentBlock> blocks) =>
        blocks.OrderBy(block => block.Type is "server_tool_use" or "web_search_tool_result" ? 1 : 0);

    internal static List<GeminiGenerateContentResponse> Upstream(string name)
    {
        var bytes = GoldenFile.Input("Streams", name, ".input.sse");
        var parser = new SseParser();
        var events = new List<GeminiGenerateContentResponse>();
        for (var offset = 0; offset < bytes.Length; offset += 7)
        {
            parser.Append(bytes.AsSpan(offset, Math.Min(7, bytes.Length - offset)));
            Drain(parser, events);
        }

        parser.Complete();
        Drain(parser, events);
        return events;
    }

    private static void Drain(SseParser parser, List<GeminiGenerateContentResponse> events)
    {
        while (parser.TryRead(out var e))
        {
            events.Add(CloudCodeEnvelope.ParseResponse(e.Data) ?? throw new InvalidOperationException("Bad golden event"));
        }
    }

    internal static (bool IncludeUsage, bool Error) Options(string name)
    {
        var json = GoldenFile.Optional("Streams", name, ".options.json");
        if (json is null)
        {
            return (false, false);
        }

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return (root.TryGetProperty("includeUsage", out var u) && u.GetBoolean(), root.TryGetProperty("error", out var e) && e.GetBoolean());
    }
}
