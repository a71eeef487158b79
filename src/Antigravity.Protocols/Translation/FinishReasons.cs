namespace Antigravity.Protocols.Translation;

/// <summary>Gemini <c>finishReason</c> → each client protocol's stop reason.</summary>
public static class FinishReasons
{
    /// <summary>OpenAI <c>finish_reason</c>: <c>stop</c>, <c>length</c>, <c>tool_calls</c>, <c>content_filter</c>.</summary>
    public static string ToOpenAi(string? finishReason, bool calledTools) => finishReason switch
    {
        "MAX_TOKENS" => "length",
        _ when IsBlocked(finishReason) => "content_filter",
        _ when calledTools => "tool_calls",
        _ => "stop",
    };

    /// <summary>Anthropic <c>stop_reason</c>: <c>end_turn</c>, <c>max_tokens</c>, <c>tool_use</c>, <c>refusal</c>.</summary>
    public static string ToAnthropic(string? finishReason, bool calledTools) => finishReason switch
    {
        "MAX_TOKENS" => "max_tokens",
        _ when IsBlocked(finishReason) => "refusal",
        _ when calledTools => "tool_use",
        _ => "end_turn",
    };

    /// <summary>True for the reasons that mean the answer was withheld by a filter.</summary>
    public static bool IsBlocked(string? finishReason) => finishReason is
        "SAFETY" or "RECITATION" or "BLOCKLIST" or "PROHIBITED_CONTENT" or "SPII" or "IMAGE_SAFETY" or "LANGUAGE";
}
