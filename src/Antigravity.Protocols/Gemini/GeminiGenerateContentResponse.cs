using System.Text.Json;
using System.Text.Json.Serialization;

namespace Antigravity.Protocols.Gemini;

/// <summary>A Gemini <c>GenerateContentResponse</c> (a whole answer, or one streamed event).</summary>
public sealed record GeminiGenerateContentResponse
{
    /// <summary>Candidates (usually one).</summary>
    [JsonPropertyName("candidates")] public IReadOnlyList<GeminiCandidate>? Candidates { get; init; }

    /// <summary>Why the prompt was blocked, if it was.</summary>
    [JsonPropertyName("promptFeedback")] public GeminiPromptFeedback? PromptFeedback { get; init; }

    /// <summary>Token counts (cumulative in streams).</summary>
    [JsonPropertyName("usageMetadata")] public GeminiUsageMetadata? UsageMetadata { get; init; }

    /// <summary>The model version that answered.</summary>
    [JsonPropertyName("modelVersion")] public string? ModelVersion { get; init; }

    /// <summary>Response id.</summary>
    [JsonPropertyName("responseId")] public string? ResponseId { get; init; }

    /// <summary>Fields this model does not name, kept for pass-through.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>One candidate.</summary>
public sealed record GeminiCandidate
{
    /// <summary>The generated content.</summary>
    [JsonPropertyName("content")] public GeminiContent? Content { get; init; }

    /// <summary><c>STOP</c>, <c>MAX_TOKENS</c>, <c>SAFETY</c>, … (set on the last event).</summary>
    [JsonPropertyName("finishReason")] public string? FinishReason { get; init; }

    /// <summary>Candidate index.</summary>
    [JsonPropertyName("index")] public int? Index { get; init; }

    /// <summary>Explanation accompanying some finish reasons.</summary>
    [JsonPropertyName("finishMessage")] public string? FinishMessage { get; init; }

    /// <summary>
    /// Google Search grounding (<c>webSearchQueries</c>, <c>groundingChunks</c>, <c>groundingSupports</c>, …), kept
    /// as sent so Gemini clients get it intact; <see cref="Grounding.WebGrounding"/> reads it for the other protocols.
    /// </summary>
    [JsonPropertyName("groundingMetadata")] public JsonElement? GroundingMetadata { get; init; }

    /// <summary>Fields this model does not name (safety ratings, grounding…), kept for pass-through.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>promptFeedback</c>.</summary>
public sealed record GeminiPromptFeedback
{
    /// <summary>Why the prompt was blocked.</summary>
    [JsonPropertyName("blockReason")] public string? BlockReason { get; init; }
}

/// <summary><c>usageMetadata</c>.</summary>
public sealed record GeminiUsageMetadata
{
    /// <summary>Prompt tokens (cached included).</summary>
    [JsonPropertyName("promptTokenCount")] public int? PromptTokenCount { get; init; }

    /// <summary>Output tokens (thoughts excluded).</summary>
    [JsonPropertyName("candidatesTokenCount")] public int? CandidatesTokenCount { get; init; }

    /// <summary>Thinking tokens.</summary>
    [JsonPropertyName("thoughtsTokenCount")] public int? ThoughtsTokenCount { get; init; }

    /// <summary>Prompt tokens served from the cache.</summary>
    [JsonPropertyName("cachedContentTokenCount")] public int? CachedContentTokenCount { get; init; }

    /// <summary>Tokens of tool-use prompts.</summary>
    [JsonPropertyName("toolUsePromptTokenCount")] public int? ToolUsePromptTokenCount { get; init; }

    /// <summary>Total.</summary>
    [JsonPropertyName("totalTokenCount")] public int? TotalTokenCount { get; init; }
}

/// <summary>The answer of <c>countTokens</c>.</summary>
public sealed record GeminiCountTokensResponse
{
    /// <summary>Total tokens of the input.</summary>
    [JsonPropertyName("totalTokens")] public int TotalTokens { get; init; }
}
