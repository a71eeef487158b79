using System.Text.Json.Nodes;

namespace Antigravity.UpstreamEmulator.Generation;

/// <summary>A function call the emulated model decided to make.</summary>
internal sealed record PlannedToolCall(string Name, JsonObject Arguments, string CallKey)
{
    public string ArgumentsJson => Arguments.ToJsonString(EmulatorJson.Compact);
}

/// <summary>The whole answer, decided before any byte is written; writers only frame it per protocol.</summary>
internal sealed record ReplyPlan(
    string Model,
    string? Thinking,
    string? Text,
    PlannedToolCall? ToolCall,
    string? Signature,
    int PromptTokens)
{
    /// <summary>The Google Search grounding of <see cref="Text"/>, when the emulated model searched.</summary>
    public JsonObject? Grounding { get; init; }

    public int ThinkingTokens => TokenCounter.Count(Thinking);

    public int OutputTokens => Math.Max(1, TokenCounter.Count(Text) + TokenCounter.Count(ToolCall?.Name) + TokenCounter.Count(ToolCall?.ArgumentsJson));

    public int TotalTokens => PromptTokens + OutputTokens + ThinkingTokens;
}
