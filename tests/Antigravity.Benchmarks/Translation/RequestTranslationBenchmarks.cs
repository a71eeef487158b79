using Antigravity.Protocols.Anthropic;
using Antigravity.Protocols.Gemini;
using Antigravity.Protocols.OpenAi;
using Antigravity.Protocols.Translation;
using BenchmarkDotNet.Attributes;

namespace Antigravity.Benchmarks.Translation;

/// <summary>
/// One client request to the bytes sent upstream, as the gateway does it per request: parse and validate
/// the body, translate it to Gemini, wrap it in the Cloud Code envelope.
/// </summary>
[MemoryDiagnoser]
public class RequestTranslationBenchmarks
{
    private static readonly RequestTranslationOptions s_options = new() { UpstreamModel = "gemini-2.5-flash" };
    private static readonly CloudCodeRequestInfo s_envelope = new("emulator-project-1", "gemini-2.5-flash", "agent-00000000-0000-0000-0000-000000000000");

    private byte[] _openAi = [];
    private byte[] _anthropic = [];

    /// <summary>The request shape (see <see cref="Conversations"/>).</summary>
    [ParamsSource(nameof(Shapes))]
    public string Shape { get; set; } = "chat";

    /// <summary>The values of <see cref="Shape"/>.</summary>
    public static IEnumerable<string> Shapes => Conversations.Shapes;

    /// <summary>Builds the bodies and checks each translates, so a failing translation is never timed.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _openAi = Conversations.OpenAi(Shape);
        _anthropic = Conversations.Anthropic(Shape);
        if (OpenAiToCloudCode().Length == 0 || AnthropicToCloudCode().Length == 0)
        {
            throw new InvalidOperationException("A benchmark request did not translate.");
        }
    }

    /// <summary>OpenAI Chat Completions body → Cloud Code request bytes.</summary>
    [Benchmark]
    public byte[] OpenAiToCloudCode()
    {
        var parsed = OpenAiRequestParser.Parse(_openAi);
        var translated = OpenAiToGemini.TranslateAsync(parsed.Value ?? throw Failed(parsed.Error?.Message), s_options).GetAwaiter().GetResult();
        return CloudCodeEnvelope.WrapRequest(translated.Value ?? throw Failed(translated.Error?.Message), s_envelope);
    }

    /// <summary>Anthropic Messages body → Cloud Code request bytes.</summary>
    [Benchmark]
    public byte[] AnthropicToCloudCode()
    {
        var parsed = AnthropicRequestParser.Parse(_anthropic);
        var translated = AnthropicToGemini.TranslateAsync(parsed.Value ?? throw Failed(parsed.Error?.Message), s_options).GetAwaiter().GetResult();
        return CloudCodeEnvelope.WrapRequest(translated.Value ?? throw Failed(translated.Error?.Message), s_envelope);
    }

    private static InvalidOperationException Failed(string? message) => new($"Translation failed: {message}");
}
