using Antigravity.Protocols.Anthropic;
using Antigravity.Protocols.Gemini;
using Antigravity.Protocols.OpenAi;

namespace Antigravity.Protocols.Usage;

/// <summary>
/// Token usage of one request, protocol-neutral, as every translator reports it (the gateway records it
/// per key / account / model).
/// </summary>
/// <param name="InputTokens">Prompt tokens, cached ones included.</param>
/// <param name="OutputTokens">Answer tokens, thinking excluded.</param>
/// <param name="CachedInputTokens">Prompt tokens served from a cache.</param>
/// <param name="ReasoningTokens">Thinking tokens.</param>
/// <param name="TotalTokens">All tokens as the upstream counted them.</param>
public readonly record struct TokenUsage(int InputTokens, int OutputTokens, int CachedInputTokens, int ReasoningTokens, int TotalTokens)
{
    /// <summary>Reads Gemini <c>usageMetadata</c>; all zero when absent.</summary>
    public static TokenUsage FromGemini(GeminiUsageMetadata? usage)
    {
        if (usage is null)
        {
            return default;
        }

        var input = (usage.PromptTokenCount ?? 0) + (usage.ToolUsePromptTokenCount ?? 0);
        var output = usage.CandidatesTokenCount ?? 0;
        var reasoning = usage.ThoughtsTokenCount ?? 0;
        return new TokenUsage(input, output, usage.CachedContentTokenCount ?? 0, reasoning, usage.TotalTokenCount ?? input + output + reasoning);
    }

    /// <summary>OpenAI <c>usage</c>: completion tokens include reasoning tokens.</summary>
    public OpenAiUsage ToOpenAi() => new()
    {
        PromptTokens = InputTokens,
        CompletionTokens = OutputTokens + ReasoningTokens,
        TotalTokens = TotalTokens,
        PromptTokensDetails = new OpenAiPromptTokensDetails { CachedTokens = CachedInputTokens },
        CompletionTokensDetails = new OpenAiCompletionTokensDetails { ReasoningTokens = ReasoningTokens },
    };

    /// <summary>Anthropic <c>usage</c>: <c>input_tokens</c> excludes cache reads; output includes thinking.</summary>
    public AnthropicUsage ToAnthropic() => new()
    {
        InputTokens = Math.Max(0, InputTokens - CachedInputTokens),
        CacheReadInputTokens = CachedInputTokens,
        OutputTokens = OutputTokens + ReasoningTokens,
    };
}
