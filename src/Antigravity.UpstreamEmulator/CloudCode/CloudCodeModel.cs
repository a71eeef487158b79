namespace Antigravity.UpstreamEmulator.CloudCode;

/// <summary>A model the emulated Cloud Code serves, with the fields <c>fetchAvailableModels</c> reports.</summary>
internal sealed record CloudCodeModel(
    string Id,
    string DisplayName,
    string ModelEnum,
    string ApiProvider,
    string ModelProvider,
    bool SupportsThinking,
    int ThinkingBudget,
    bool SupportsImages,
    int MaxTokens,
    int MaxOutputTokens,
    bool Recommended,
    bool MinimumTierPro = false);

/// <summary>The Cloud Code model list (Antigravity's names).</summary>
internal static class CloudCodeModels
{
    public static readonly IReadOnlyList<CloudCodeModel> All =
    [
        new("gemini-2.5-flash", "Gemini 2.5 Flash", "MODEL_GOOGLE_GEMINI_2_5_FLASH", "API_PROVIDER_GOOGLE_GEMINI", "MODEL_PROVIDER_GOOGLE", true, 24576, true, 1048576, 65535, true),
        new("gemini-2.5-flash-lite", "Gemini 2.5 Flash Lite", "MODEL_GOOGLE_GEMINI_2_5_FLASH_LITE", "API_PROVIDER_GOOGLE_GEMINI", "MODEL_PROVIDER_GOOGLE", false, 0, true, 1048576, 65535, false),
        new("gemini-2.5-flash-thinking", "Gemini 2.5 Flash (Thinking)", "MODEL_GOOGLE_GEMINI_2_5_FLASH_THINKING", "API_PROVIDER_GOOGLE_GEMINI", "MODEL_PROVIDER_GOOGLE", true, 24576, true, 1048576, 65535, false),
        new("gemini-2.5-pro", "Gemini 2.5 Pro", "MODEL_GOOGLE_GEMINI_2_5_PRO", "API_PROVIDER_GOOGLE_GEMINI", "MODEL_PROVIDER_GOOGLE", true, 32768, true, 1048576, 65535, true),
        new("gemini-3-flash", "Gemini 3 Flash", "MODEL_PLACEHOLDER_M18", "API_PROVIDER_GOOGLE_GEMINI", "MODEL_PROVIDER_GOOGLE", true, 24576, true, 1048576, 65536, true),
        new("gemini-3-pro-low", "Gemini 3 Pro (Low)", "MODEL_PLACEHOLDER_M7", "API_PROVIDER_GOOGLE_GEMINI", "MODEL_PROVIDER_GOOGLE", true, 128, true, 1048576, 65535, true),
        new("gemini-3-pro-high", "Gemini 3 Pro (High)", "MODEL_PLACEHOLDER_M8", "API_PROVIDER_GOOGLE_GEMINI", "MODEL_PROVIDER_GOOGLE", true, 1024, true, 1048576, 65535, true),
        new("gemini-3-pro-image", "Gemini 3 Pro Image", "MODEL_PLACEHOLDER_M9", "API_PROVIDER_GOOGLE_GEMINI", "MODEL_PROVIDER_GOOGLE", true, 1024, true, 65536, 32768, false, MinimumTierPro: true),
        new("claude-sonnet-4-5", "Claude Sonnet 4.5", "MODEL_CLAUDE_4_5_SONNET", "API_PROVIDER_ANTHROPIC_VERTEX", "MODEL_PROVIDER_ANTHROPIC", false, 0, true, 200000, 64000, false),
        new("claude-sonnet-4-5-thinking", "Claude Sonnet 4.5 (Thinking)", "MODEL_CLAUDE_4_5_SONNET_THINKING", "API_PROVIDER_ANTHROPIC_VERTEX", "MODEL_PROVIDER_ANTHROPIC", true, 1024, true, 200000, 64000, false),
        new("claude-sonnet-4-6", "Claude Sonnet 4.6", "MODEL_CLAUDE_4_6_SONNET", "API_PROVIDER_ANTHROPIC_VERTEX", "MODEL_PROVIDER_ANTHROPIC", false, 0, true, 200000, 64000, true),
        new("claude-sonnet-4-6-thinking", "Claude Sonnet 4.6 (Thinking)", "MODEL_CLAUDE_4_6_SONNET_THINKING", "API_PROVIDER_ANTHROPIC_VERTEX", "MODEL_PROVIDER_ANTHROPIC", true, 1024, true, 200000, 64000, true),
        new("claude-opus-4-6-thinking", "Claude Opus 4.6 (Thinking)", "MODEL_CLAUDE_4_6_OPUS_THINKING", "API_PROVIDER_ANTHROPIC_VERTEX", "MODEL_PROVIDER_ANTHROPIC", true, 1024, true, 200000, 64000, true, MinimumTierPro: true),
        new("gpt-oss-120b-medium", "GPT-OSS 120B (Medium)", "MODEL_OPENAI_GPT_OSS_120B_MEDIUM", "API_PROVIDER_VERTEX_MODEL_GARDEN", "MODEL_PROVIDER_OPENAI", true, 8192, false, 131072, 32768, false),
    ];

    /// <summary>Old ids the service still names, with their replacement (requests with them get 404).</summary>
    public static readonly IReadOnlyDictionary<string, string> Deprecated = new Dictionary<string, string>
    {
        ["claude-opus-4-5-thinking"] = "claude-opus-4-6-thinking",
        ["gemini-3-pro-preview"] = "gemini-3-pro-high",
    };

    public static CloudCodeModel? Find(string? id) => id is null ? null : All.FirstOrDefault(m => m.Id == id);
}
