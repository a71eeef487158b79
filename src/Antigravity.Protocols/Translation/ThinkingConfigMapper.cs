using Antigravity.Protocols.Gemini;

namespace Antigravity.Protocols.Translation;

/// <summary>Maps client thinking settings onto Gemini's <c>thinkingConfig</c>.</summary>
public static class ThinkingConfigMapper
{
    /// <summary>OpenAI <c>reasoning_effort</c>: Gemini 3 gets a <c>thinkingLevel</c>, other models a <c>thinkingBudget</c>.</summary>
    public static GeminiThinkingConfig? FromReasoningEffort(string? effort, string upstreamModel)
    {
        ArgumentNullException.ThrowIfNull(upstreamModel);
        if (effort is null)
        {
            return IsThinkingVariant(upstreamModel) ? new GeminiThinkingConfig { IncludeThoughts = true } : null;
        }

        if (IsGemini3(upstreamModel))
        {
            return new GeminiThinkingConfig
            {
                IncludeThoughts = effort != "none",
                ThinkingLevel = effort is "medium" or "high" or "xhigh" ? "high" : "low",
            };
        }

        return effort switch
        {
            "none" => new GeminiThinkingConfig { IncludeThoughts = false, ThinkingBudget = 0 },
            "minimal" => new GeminiThinkingConfig { IncludeThoughts = true, ThinkingBudget = 512 },
            "low" => new GeminiThinkingConfig { IncludeThoughts = true, ThinkingBudget = 1024 },
            "medium" => new GeminiThinkingConfig { IncludeThoughts = true, ThinkingBudget = 8192 },
            _ => new GeminiThinkingConfig { IncludeThoughts = true, ThinkingBudget = 24576 },
        };
    }

    /// <summary>Anthropic <c>thinking</c>: <c>enabled</c> keeps its budget, <c>adaptive</c> lets the model decide.</summary>
    public static GeminiThinkingConfig? FromAnthropic(string? type, int? budgetTokens, string upstreamModel)
    {
        ArgumentNullException.ThrowIfNull(upstreamModel);
        return type switch
        {
            "enabled" => new GeminiThinkingConfig { IncludeThoughts = true, ThinkingBudget = budgetTokens },
            "adaptive" => new GeminiThinkingConfig { IncludeThoughts = true },
            "disabled" => null,
            _ => IsThinkingVariant(upstreamModel) ? new GeminiThinkingConfig { IncludeThoughts = true } : null,
        };
    }

    /// <summary>
    /// Keeps the thinking budget below the output limit (the upstream rejects a budget that does not leave
    /// room for the answer): the budget shrinks, or thinking is left to the model when the limit is tiny.
    /// </summary>
    public static GeminiThinkingConfig? FitToOutputLimit(GeminiThinkingConfig? config, int? maxOutputTokens)
    {
        if (config?.ThinkingBudget is not { } budget || maxOutputTokens is not { } max || budget < max || budget == 0)
        {
            return config;
        }

        return max > 2048
            ? config with { ThinkingBudget = max / 2 }
            : config with { ThinkingBudget = null };
    }

    private static bool IsGemini3(string model) => model.StartsWith("gemini-3", StringComparison.OrdinalIgnoreCase);

    private static bool IsThinkingVariant(string model) => model.EndsWith("-thinking", StringComparison.OrdinalIgnoreCase);
}
