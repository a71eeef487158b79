using System.Text.Json;
using System.Text.Json.Serialization;
using Antigravity.Protocols.Json;

namespace Antigravity.Protocols.Anthropic;

/// <summary>An Anthropic Messages request (<c>POST /v1/messages</c>, also <c>count_tokens</c>).</summary>
public sealed record AnthropicMessagesRequest
{
    /// <summary>Requested model (required).</summary>
    [JsonPropertyName("model")] public string? Model { get; init; }

    /// <summary>The conversation (required).</summary>
    [JsonPropertyName("messages")] public IReadOnlyList<AnthropicMessage?>? Messages { get; init; }

    /// <summary>Output limit (required for Messages, absent for count_tokens).</summary>
    [JsonPropertyName("max_tokens")] public int? MaxTokens { get; init; }

    /// <summary>System prompt: a string (one text block) or text blocks.</summary>
    [JsonPropertyName("system")]
    [JsonConverter(typeof(AnthropicContentConverter))]
    public IReadOnlyList<AnthropicContentBlock>? System { get; init; }

    /// <summary>Stream the answer as SSE events.</summary>
    [JsonPropertyName("stream")] public bool? Stream { get; init; }

    /// <summary>Sampling temperature.</summary>
    [JsonPropertyName("temperature")] public double? Temperature { get; init; }

    /// <summary>Nucleus sampling.</summary>
    [JsonPropertyName("top_p")] public double? TopP { get; init; }

    /// <summary>Top-k sampling.</summary>
    [JsonPropertyName("top_k")] public int? TopK { get; init; }

    /// <summary>Stop sequences.</summary>
    [JsonPropertyName("stop_sequences")] public IReadOnlyList<string>? StopSequences { get; init; }

    /// <summary>Tools (custom tools with <c>input_schema</c>, or server tools by <c>type</c>).</summary>
    [JsonPropertyName("tools")] public IReadOnlyList<AnthropicTool?>? Tools { get; init; }

    /// <summary>How tools may be used.</summary>
    [JsonPropertyName("tool_choice")] public AnthropicToolChoice? ToolChoice { get; init; }

    /// <summary>Extended thinking.</summary>
    [JsonPropertyName("thinking")] public AnthropicThinking? Thinking { get; init; }

    /// <summary>Request metadata; <c>user_id</c> is a session hint.</summary>
    [JsonPropertyName("metadata")] public AnthropicMetadata? Metadata { get; init; }
}

/// <summary>One message of the conversation.</summary>
public sealed record AnthropicMessage
{
    /// <summary><c>user</c> or <c>assistant</c>.</summary>
    [JsonPropertyName("role")] public string? Role { get; init; }

    /// <summary>Content: a string becomes one text block.</summary>
    [JsonPropertyName("content")]
    [JsonConverter(typeof(AnthropicContentConverter))]
    public IReadOnlyList<AnthropicContentBlock>? Content { get; init; }
}

/// <summary>
/// One content block. A flat record covers every block type (<c>text</c>, <c>image</c>, <c>document</c>,
/// <c>tool_use</c>, <c>tool_result</c>, <c>thinking</c>, <c>redacted_thinking</c>): only the fields of
/// <see cref="Type"/> are set, the others stay null and are not written.
/// </summary>
public sealed record AnthropicContentBlock
{
    /// <summary>Block type.</summary>
    [JsonPropertyName("type")] public string? Type { get; init; }

    /// <summary>Text of a <c>text</c> block.</summary>
    [JsonPropertyName("text")] public string? Text { get; init; }

    /// <summary>Source of an <c>image</c> or <c>document</c> block.</summary>
    [JsonPropertyName("source")] public AnthropicSource? Source { get; init; }

    /// <summary>Id of a <c>tool_use</c> block (<c>toolu_…</c>).</summary>
    [JsonPropertyName("id")] public string? Id { get; init; }

    /// <summary>Who invoked a <c>tool_use</c> block; answers always say <c>{"type":"direct"}</c> (the model itself).</summary>
    [JsonPropertyName("caller")] public JsonElement? Caller { get; init; }

    /// <summary>Tool name of a <c>tool_use</c> block.</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }

    /// <summary>Arguments of a <c>tool_use</c> block (an object).</summary>
    [JsonPropertyName("input")] public JsonElement? Input { get; init; }

    /// <summary>The call a <c>tool_result</c> answers.</summary>
    [JsonPropertyName("tool_use_id")] public string? ToolUseId { get; init; }

    /// <summary>Content of a <c>tool_result</c>: a string (one text block) or text/image blocks.</summary>
    [JsonPropertyName("content")]
    [JsonConverter(typeof(AnthropicContentConverter))]
    public IReadOnlyList<AnthropicContentBlock>? Content { get; init; }

    /// <summary>Whether a <c>tool_result</c> reports a failure.</summary>
    [JsonPropertyName("is_error")] public bool? IsError { get; init; }

    /// <summary>Text of a <c>thinking</c> block.</summary>
    [JsonPropertyName("thinking")] public string? Thinking { get; init; }

    /// <summary>Signature of a <c>thinking</c> block; round-trips byte-exact.</summary>
    [JsonPropertyName("signature")] public string? Signature { get; init; }

    /// <summary>Opaque data of a <c>redacted_thinking</c> block.</summary>
    [JsonPropertyName("data")] public string? Data { get; init; }

    /// <summary>Prompt-caching marker (accepted, not forwarded).</summary>
    [JsonPropertyName("cache_control")] public JsonElement? CacheControl { get; init; }

    /// <summary>The web pages a <c>text</c> block cites.</summary>
    [JsonPropertyName("citations")] public IReadOnlyList<AnthropicCitation>? Citations { get; init; }

    /// <summary>Page of a <c>web_search_result</c>.</summary>
    [JsonPropertyName("url")] public string? Url { get; init; }

    /// <summary>Page title of a <c>web_search_result</c>.</summary>
    [JsonPropertyName("title")] public string? Title { get; init; }

    /// <summary>Opaque content of a <c>web_search_result</c>; clients send it back unchanged.</summary>
    [JsonPropertyName("encrypted_content")] public string? EncryptedContent { get; init; }
}

/// <summary>A citation of a web page: <c>{"type":"web_search_result_location","cited_text","url","title","encrypted_index"}</c>.</summary>
public sealed record AnthropicCitation
{
    /// <summary>Always <c>web_search_result_location</c> here.</summary>
    [JsonPropertyName("type")] public string Type { get; init; } = "web_search_result_location";

    /// <summary>The text of the answer the page supports.</summary>
    [JsonPropertyName("cited_text")] public string? CitedText { get; init; }

    /// <summary>The page.</summary>
    [JsonPropertyName("url")] public string? Url { get; init; }

    /// <summary>The page title.</summary>
    [JsonPropertyName("title")] public string? Title { get; init; }

    /// <summary>Opaque reference to the search result; clients send it back unchanged.</summary>
    [JsonPropertyName("encrypted_index")] public string? EncryptedIndex { get; init; }
}

/// <summary>Source of an image or document.</summary>
public sealed record AnthropicSource
{
    /// <summary><c>base64</c>, <c>url</c> or <c>text</c>.</summary>
    [JsonPropertyName("type")] public string? Type { get; init; }

    /// <summary>MIME type for <c>base64</c>/<c>text</c>.</summary>
    [JsonPropertyName("media_type")] public string? MediaType { get; init; }

    /// <summary>Base64 data, or the text of a <c>text</c> document.</summary>
    [JsonPropertyName("data")] public string? Data { get; init; }

    /// <summary>URL for <c>url</c>.</summary>
    [JsonPropertyName("url")] public string? Url { get; init; }
}

/// <summary>A tool definition.</summary>
public sealed record AnthropicTool
{
    /// <summary>Absent or <c>custom</c> for client tools; a versioned type for server tools (e.g. <c>web_search_20250305</c>).</summary>
    [JsonPropertyName("type")] public string? Type { get; init; }

    /// <summary>Tool name.</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }

    /// <summary>What it does.</summary>
    [JsonPropertyName("description")] public string? Description { get; init; }

    /// <summary>JSON Schema of the input.</summary>
    [JsonPropertyName("input_schema")] public JsonElement? InputSchema { get; init; }

    /// <summary>Web search: at most this many searches in one answer.</summary>
    [JsonPropertyName("max_uses")] public int? MaxUses { get; init; }

    /// <summary>Web search: only results from these domains.</summary>
    [JsonPropertyName("allowed_domains")] public IReadOnlyList<string>? AllowedDomains { get; init; }

    /// <summary>Web search: never results from these domains.</summary>
    [JsonPropertyName("blocked_domains")] public IReadOnlyList<string>? BlockedDomains { get; init; }

    /// <summary>Web search: the user's approximate location.</summary>
    [JsonPropertyName("user_location")] public JsonElement? UserLocation { get; init; }

    /// <summary>True for the web search server tool, whatever its version (<c>web_search_20250305</c>, <c>web_search_20260209</c>, …).</summary>
    [JsonIgnore] public bool IsWebSearch => Type?.StartsWith("web_search_", StringComparison.Ordinal) == true;

    /// <summary>True for a tool the client runs (absent type or <c>custom</c>).</summary>
    [JsonIgnore] public bool IsCustom => Type is null or "custom";
}

/// <summary><c>tool_choice</c>.</summary>
public sealed record AnthropicToolChoice
{
    /// <summary><c>auto</c>, <c>any</c>, <c>tool</c> or <c>none</c>.</summary>
    [JsonPropertyName("type")] public string? Type { get; init; }

    /// <summary>Tool name for <c>tool</c>.</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }

    /// <summary>At most one tool call per turn.</summary>
    [JsonPropertyName("disable_parallel_tool_use")] public bool? DisableParallelToolUse { get; init; }
}

/// <summary><c>thinking</c>.</summary>
public sealed record AnthropicThinking
{
    /// <summary><c>enabled</c>, <c>disabled</c> or <c>adaptive</c>.</summary>
    [JsonPropertyName("type")] public string? Type { get; init; }

    /// <summary>Thinking budget for <c>enabled</c>.</summary>
    [JsonPropertyName("budget_tokens")] public int? BudgetTokens { get; init; }
}

/// <summary><c>metadata</c>.</summary>
public sealed record AnthropicMetadata
{
    /// <summary>End-user id; the gateway uses it as a session key.</summary>
    [JsonPropertyName("user_id")] public string? UserId { get; init; }
}
