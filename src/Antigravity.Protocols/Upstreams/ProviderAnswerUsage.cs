using System.Text.Json;
using Antigravity.Protocols.Usage;

namespace Antigravity.Protocols.Upstreams;

/// <summary>
/// The token usage of a provider's whole (non-streamed) answer that goes to the client as it is: OpenAI chat
/// completions' <c>usage</c> or Anthropic Messages' <c>usage</c>. An answer that is not JSON, or has no usage, counts zero.
/// </summary>
public static class ProviderAnswerUsage
{
    /// <summary>The usage of <paramref name="answer"/>, an answer in <paramref name="protocol"/> (OpenAI or Anthropic).</summary>
    public static TokenUsage Read(ProtocolKind protocol, ReadOnlyMemory<byte> answer)
    {
        try
        {
            using var document = JsonDocument.Parse(answer);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return default;
            }
            return protocol == ProtocolKind.Anthropic ? Anthropic(root) : TokenUsage.FromGemini(OpenAiChunkDecoder.UsageOf(root));
        }
        catch (JsonException)
        {
            return default;
        }
    }

    private static TokenUsage Anthropic(JsonElement root)
    {
        if (!root.TryGetProperty("usage", out var usage) || usage.ValueKind != JsonValueKind.Object)
        {
            return default;
        }
        var cacheRead = UpstreamJson.Int(usage, "cache_read_input_tokens");
        var input = UpstreamJson.Int(usage, "input_tokens") + UpstreamJson.Int(usage, "cache_creation_input_tokens") + cacheRead;
        var output = UpstreamJson.Int(usage, "output_tokens");
        return new TokenUsage(input, output, cacheRead, 0, input + output);
    }
}
