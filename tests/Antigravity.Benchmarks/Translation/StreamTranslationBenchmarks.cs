using System.Buffers;
using Antigravity.Protocols.Gemini;
using Antigravity.Protocols.Sse;
using Antigravity.Protocols.Translation;
using BenchmarkDotNet.Attributes;

namespace Antigravity.Benchmarks.Translation;

/// <summary>
/// An upstream Cloud Code stream to client SSE, as the gateway does it per event: frame the bytes
/// (<see cref="SseParser"/>), unwrap and parse the event, write the client protocol's events. Figures are
/// per upstream event (<c>OperationsPerInvoke</c> = the stream's event count).
/// </summary>
[MemoryDiagnoser]
public class StreamTranslationBenchmarks
{
    /// <summary>Upstream bytes arrive in network-sized pieces, not one event at a time.</summary>
    private const int ChunkSize = 1024;

    private byte[] _sse = [];
    private readonly ArrayBufferWriter<byte> _output = new(64 * 1024);

    /// <summary>The stream kind (see <see cref="UpstreamStreams"/>).</summary>
    [ParamsSource(nameof(Kinds))]
    public string Kind { get; set; } = "text";

    /// <summary>The values of <see cref="Kind"/>.</summary>
    public static IEnumerable<string> Kinds => UpstreamStreams.Kinds;

    /// <summary>Builds the stream and checks that every event parses.</summary>
    [GlobalSetup]
    public void Setup()
    {
        (_sse, var events) = UpstreamStreams.Build(Kind);
        if (events != UpstreamStreams.EventsPerStream || ToOpenAi() != events || ToAnthropic() != events || ToGemini() != events)
        {
            throw new InvalidOperationException($"The {Kind} stream did not translate event by event.");
        }
    }

    /// <summary>Gemini stream → OpenAI <c>chat.completion.chunk</c> SSE.</summary>
    [Benchmark(OperationsPerInvoke = UpstreamStreams.EventsPerStream)]
    public int ToOpenAi()
    {
        var writer = new OpenAiStreamWriter(new ResponseTranslationOptions { Id = "chatcmpl-bench", Model = "gemini-2.5-flash", IncludeUsage = true });
        var count = Frame(e => writer.WriteEvent(Parse(e), _output));
        writer.Complete(_output);
        return count;
    }

    /// <summary>Gemini stream → Anthropic Messages SSE.</summary>
    [Benchmark(OperationsPerInvoke = UpstreamStreams.EventsPerStream)]
    public int ToAnthropic()
    {
        var writer = new AnthropicStreamWriter(new ResponseTranslationOptions { Id = "msg_bench", Model = "gemini-2.5-flash" });
        var count = Frame(e => writer.WriteEvent(Parse(e), _output));
        writer.Complete(_output);
        return count;
    }

    /// <summary>Gemini stream → Gemini SSE with the envelope removed (the pass-through baseline).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = UpstreamStreams.EventsPerStream)]
    public int ToGemini()
    {
        var writer = new GeminiStreamWriter();
        return Frame(e => writer.WriteEvent(e.Data, _output));
    }

    /// <summary>Feeds the upstream bytes through an SSE parser and hands each event on; returns the event count.</summary>
    private int Frame(Action<SseEvent> onEvent)
    {
        var parser = new SseParser();
        var count = 0;
        _output.ResetWrittenCount();
        for (var offset = 0; offset < _sse.Length; offset += ChunkSize)
        {
            parser.Append(_sse.AsSpan(offset, Math.Min(ChunkSize, _sse.Length - offset)));
            while (parser.TryRead(out var e))
            {
                onEvent(e);
                count++;
            }
        }
        return count;
    }

    private static GeminiGenerateContentResponse Parse(SseEvent e) =>
        CloudCodeEnvelope.ParseResponse(e.Data) ?? throw new InvalidOperationException("An upstream event did not parse.");
}
