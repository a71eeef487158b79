using Antigravity.Protocols.Anthropic;
using Antigravity.Protocols.Gemini;

namespace Antigravity.Protocols.Translation;

/// <summary>
/// Anthropic <c>POST /v1/messages/count_tokens</c> via the upstream's <c>countTokens</c>: translate the
/// request with <see cref="AnthropicToGemini"/> (parse it with <see cref="AnthropicRequestParser.ParseCountTokens"/>),
/// build the count body here, and map the answer back.
/// </summary>
public static class CountTokensTranslator
{
    /// <summary>The <c>countTokens</c> body counting everything <paramref name="request"/> would send to <paramref name="upstreamModel"/>.</summary>
    public static GeminiCountTokensRequest ToGemini(GeminiGenerateContentRequest request, string upstreamModel)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(upstreamModel);
        return new GeminiCountTokensRequest
        {
            GenerateContentRequest = new GeminiCountedRequest
            {
                Model = upstreamModel.StartsWith("models/", StringComparison.Ordinal) ? upstreamModel : "models/" + upstreamModel,
                Contents = request.Contents,
                SystemInstruction = request.SystemInstruction,
                Tools = request.Tools,
            },
        };
    }

    /// <summary>Gemini <c>{"totalTokens"}</c> → Anthropic <c>{"input_tokens"}</c>.</summary>
    public static AnthropicCountTokensResponse ToAnthropic(GeminiCountTokensResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return new AnthropicCountTokensResponse { InputTokens = response.TotalTokens };
    }
}
