using System.Text.Json.Serialization;

namespace Antigravity.Protocols.Gemini;

/// <summary>
/// A Gemini <c>countTokens</c> body. The gateway counts what it would send: the whole translated
/// <c>generateContentRequest</c> (system prompt and tools included), so Claude Code's context compaction
/// sees real numbers.
/// </summary>
public sealed record GeminiCountTokensRequest
{
    /// <summary>Plain contents (what a Gemini client may send).</summary>
    [JsonPropertyName("contents")] public IReadOnlyList<GeminiContent?>? Contents { get; init; }

    /// <summary>A full request to count, with <c>model</c> as <c>models/&lt;name&gt;</c>.</summary>
    [JsonPropertyName("generateContentRequest")] public GeminiCountedRequest? GenerateContentRequest { get; init; }
}

/// <summary>The request inside <see cref="GeminiCountTokensRequest.GenerateContentRequest"/>.</summary>
public sealed record GeminiCountedRequest
{
    /// <summary>The model, <c>models/&lt;name&gt;</c>.</summary>
    [JsonPropertyName("model")] public required string Model { get; init; }

    /// <summary>The conversation.</summary>
    [JsonPropertyName("contents")] public IReadOnlyList<GeminiContent?>? Contents { get; init; }

    /// <summary>System prompt.</summary>
    [JsonPropertyName("systemInstruction")] public GeminiContent? SystemInstruction { get; init; }

    /// <summary>Tools.</summary>
    [JsonPropertyName("tools")] public IReadOnlyList<GeminiTool>? Tools { get; init; }
}
