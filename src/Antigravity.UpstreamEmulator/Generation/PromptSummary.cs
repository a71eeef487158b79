using System.Text.Json.Nodes;

namespace Antigravity.UpstreamEmulator.Generation;

/// <summary>A function tool the request declares.</summary>
internal sealed record ToolDeclaration(string Name, JsonObject? Schema);

/// <summary>The result of a tool call the client sent back in its last turn.</summary>
internal sealed record ToolResult(string Name, string Content);

/// <summary>What the reply planner needs from a request, whatever the protocol.</summary>
internal sealed record PromptSummary(
    string Model,
    string LastUserText,
    ToolResult? LastToolResult,
    IReadOnlyList<ToolDeclaration> Tools,
    bool ThinkingRequested,
    int PromptTokens)
{
    /// <summary>The request declares Google Search grounding (<c>googleSearch</c>, <c>google_search</c> or <c>googleSearchRetrieval</c>).</summary>
    public bool WebSearch { get; init; }
}
