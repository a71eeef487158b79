using System.Text.Json.Serialization;

namespace Antigravity.Protocols.Anthropic;

/// <summary>A non-streaming Messages answer (<c>"type":"message"</c>).</summary>
public sealed record AnthropicMessagesResponse
{
    /// <summary>Message id (<c>msg_…</c>).</summary>
    [JsonPropertyName("id")] public required string Id { get; init; }

    /// <summary>Always <c>message</c>.</summary>
    [JsonPropertyName("type")] public string Type { get; init; } = "message";

    /// <summary>Always <c>assistant</c>.</summary>
    [JsonPropertyName("role")] public string Role { get; init; } = "assistant";

    /// <summary>The model name the client asked for.</summary>
    [JsonPropertyName("model")] public required string Model { get; init; }

    /// <summary>Content blocks in order.</summary>
    [JsonPropertyName("content")] public required IReadOnlyList<AnthropicContentBlock> Content { get; init; }

    /// <summary><c>end_turn</c>, <c>max_tokens</c>, <c>stop_sequence</c>, <c>tool_use</c> or <c>refusal</c>.</summary>
    [JsonPropertyName("stop_reason")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? StopReason { get; init; }

    /// <summary>The stop sequence hit (the upstream does not say which, so null).</summary>
    [JsonPropertyName("stop_sequence")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? StopSequence { get; init; }

    /// <summary>Token usage.</summary>
    [JsonPropertyName("usage")] public required AnthropicUsage Usage { get; init; }
}

/// <summary>Usage in Anthropic's shape.</summary>
public sealed record AnthropicUsage
{
    /// <summary>Uncached input tokens.</summary>
    [JsonPropertyName("input_tokens")] public int InputTokens { get; init; }

    /// <summary>Tokens written to the cache (always 0 upstream).</summary>
    [JsonPropertyName("cache_creation_input_tokens")] public int CacheCreationInputTokens { get; init; }

    /// <summary>Tokens read from the cache.</summary>
    [JsonPropertyName("cache_read_input_tokens")] public int CacheReadInputTokens { get; init; }

    /// <summary>Output tokens (thinking included).</summary>
    [JsonPropertyName("output_tokens")] public int OutputTokens { get; init; }

    /// <summary>Server tools the answer used (web searches), when it used any.</summary>
    [JsonPropertyName("server_tool_use")] public AnthropicServerToolUsage? ServerToolUse { get; init; }
}

/// <summary><c>usage.server_tool_use</c>.</summary>
public sealed record AnthropicServerToolUsage
{
    /// <summary>Web searches run for the answer.</summary>
    [JsonPropertyName("web_search_requests")] public int WebSearchRequests { get; init; }

    /// <summary>Web fetches run for the answer (none here: the upstreams have no fetch tool).</summary>
    [JsonPropertyName("web_fetch_requests")] public int WebFetchRequests { get; init; }
}

/// <summary>The answer to <c>POST /v1/messages/count_tokens</c>.</summary>
public sealed record AnthropicCountTokensResponse
{
    /// <summary>Input tokens of the request.</summary>
    [JsonPropertyName("input_tokens")] public int InputTokens { get; init; }
}
