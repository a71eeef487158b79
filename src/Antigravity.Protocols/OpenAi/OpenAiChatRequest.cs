using System.Text.Json;
using System.Text.Json.Serialization;
using Antigravity.Protocols.Json;

namespace Antigravity.Protocols.OpenAi;

/// <summary>An OpenAI Chat Completions request (<c>POST /v1/chat/completions</c>).</summary>
public sealed record OpenAiChatRequest
{
    /// <summary>Requested model name (required).</summary>
    [JsonPropertyName("model")] public string? Model { get; init; }

    /// <summary>The conversation (required, at least one message).</summary>
    [JsonPropertyName("messages")] public IReadOnlyList<OpenAiChatMessage?>? Messages { get; init; }

    /// <summary>Stream the answer as <c>chat.completion.chunk</c> events.</summary>
    [JsonPropertyName("stream")] public bool? Stream { get; init; }

    /// <summary>Streaming options (<c>include_usage</c>).</summary>
    [JsonPropertyName("stream_options")] public OpenAiStreamOptions? StreamOptions { get; init; }

    /// <summary>Sampling temperature.</summary>
    [JsonPropertyName("temperature")] public double? Temperature { get; init; }

    /// <summary>Nucleus sampling.</summary>
    [JsonPropertyName("top_p")] public double? TopP { get; init; }

    /// <summary>Top-k sampling (an extension some clients send).</summary>
    [JsonPropertyName("top_k")] public int? TopK { get; init; }

    /// <summary>Legacy output limit.</summary>
    [JsonPropertyName("max_tokens")] public int? MaxTokens { get; init; }

    /// <summary>Output limit including reasoning tokens.</summary>
    [JsonPropertyName("max_completion_tokens")] public int? MaxCompletionTokens { get; init; }

    /// <summary>Stop sequences (a string or an array).</summary>
    [JsonPropertyName("stop")]
    [JsonConverter(typeof(StringOrListConverter))]
    public IReadOnlyList<string>? Stop { get; init; }

    /// <summary>Number of choices.</summary>
    [JsonPropertyName("n")] public int? N { get; init; }

    /// <summary>Presence penalty.</summary>
    [JsonPropertyName("presence_penalty")] public double? PresencePenalty { get; init; }

    /// <summary>Frequency penalty.</summary>
    [JsonPropertyName("frequency_penalty")] public double? FrequencyPenalty { get; init; }

    /// <summary>Sampling seed.</summary>
    [JsonPropertyName("seed")] public long? Seed { get; init; }

    /// <summary>Tools the model may call.</summary>
    [JsonPropertyName("tools")] public IReadOnlyList<OpenAiTool?>? Tools { get; init; }

    /// <summary><c>"none"</c>, <c>"auto"</c>, <c>"required"</c> or <c>{"type":"function","function":{"name"}}</c>.</summary>
    [JsonPropertyName("tool_choice")] public JsonElement? ToolChoice { get; init; }

    /// <summary>Whether parallel tool calls are allowed.</summary>
    [JsonPropertyName("parallel_tool_calls")] public bool? ParallelToolCalls { get; init; }

    /// <summary><c>none</c>, <c>minimal</c>, <c>low</c>, <c>medium</c>, <c>high</c> (reasoning models).</summary>
    [JsonPropertyName("reasoning_effort")] public string? ReasoningEffort { get; init; }

    /// <summary>Structured output request.</summary>
    [JsonPropertyName("response_format")] public OpenAiResponseFormat? ResponseFormat { get; init; }

    /// <summary>End-user identifier.</summary>
    [JsonPropertyName("user")] public string? User { get; init; }

    /// <summary>Search the web before answering (served by Google Search grounding).</summary>
    [JsonPropertyName("web_search_options")] public OpenAiWebSearchOptions? WebSearchOptions { get; init; }

    /// <summary>Not sent: what a Responses request had to leave out (see <c>ResponsesToChat</c>).</summary>
    [JsonIgnore] public IReadOnlyList<string>? ToolNotices { get; init; }

    /// <summary>Not sent: the built-in tool a Responses request's <c>tool_choice</c> forces.</summary>
    [JsonIgnore] public string? RequiredBuiltInTool { get; init; }
}

/// <summary><c>web_search_options</c> (and what a Responses <c>web_search</c> tool carries).</summary>
public sealed record OpenAiWebSearchOptions
{
    /// <summary><c>low</c>, <c>medium</c> or <c>high</c>.</summary>
    [JsonPropertyName("search_context_size")] public string? SearchContextSize { get; init; }

    /// <summary>Approximate location of the user (<c>{"type":"approximate","approximate":{…}}</c>).</summary>
    [JsonPropertyName("user_location")] public JsonElement? UserLocation { get; init; }

    /// <summary>Not sent: the domains a Responses <c>web_search</c> tool allows (<c>filters.allowed_domains</c>).</summary>
    [JsonIgnore] public IReadOnlyList<string>? AllowedDomains { get; init; }
}

/// <summary><c>stream_options</c>.</summary>
public sealed record OpenAiStreamOptions
{
    /// <summary>Send a final chunk with usage and empty <c>choices</c>.</summary>
    [JsonPropertyName("include_usage")] public bool? IncludeUsage { get; init; }
}

/// <summary><c>response_format</c>: <c>text</c>, <c>json_object</c> or <c>json_schema</c>.</summary>
public sealed record OpenAiResponseFormat
{
    /// <summary>Format kind.</summary>
    [JsonPropertyName("type")] public string? Type { get; init; }

    /// <summary>The schema for <c>json_schema</c>.</summary>
    [JsonPropertyName("json_schema")] public OpenAiJsonSchemaFormat? JsonSchema { get; init; }
}

/// <summary><c>response_format.json_schema</c>.</summary>
public sealed record OpenAiJsonSchemaFormat
{
    /// <summary>Schema name.</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }

    /// <summary>The JSON Schema.</summary>
    [JsonPropertyName("schema")] public JsonElement? Schema { get; init; }

    /// <summary>Strict mode flag.</summary>
    [JsonPropertyName("strict")] public bool? Strict { get; init; }
}

/// <summary>One message in <c>messages</c>.</summary>
public sealed record OpenAiChatMessage
{
    /// <summary><c>system</c>, <c>developer</c>, <c>user</c>, <c>assistant</c> or <c>tool</c>.</summary>
    [JsonPropertyName("role")] public string? Role { get; init; }

    /// <summary>Content: a string becomes one text part; <c>null</c> stays null.</summary>
    [JsonPropertyName("content")]
    [JsonConverter(typeof(OpenAiContentConverter))]
    public IReadOnlyList<OpenAiContentPart>? Content { get; init; }

    /// <summary>Participant name.</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }

    /// <summary>Calls made by an assistant message.</summary>
    [JsonPropertyName("tool_calls")] public IReadOnlyList<OpenAiToolCall?>? ToolCalls { get; init; }

    /// <summary>For <c>tool</c> messages: the call answered.</summary>
    [JsonPropertyName("tool_call_id")] public string? ToolCallId { get; init; }

    /// <summary>Reasoning text some clients send back on assistant messages.</summary>
    [JsonPropertyName("reasoning_content")] public string? ReasoningContent { get; init; }
}

/// <summary>One content part: <c>text</c>, <c>image_url</c> (others are rejected by validation).</summary>
public sealed record OpenAiContentPart
{
    /// <summary>Part type.</summary>
    [JsonPropertyName("type")] public string? Type { get; init; }

    /// <summary>Text of a <c>text</c> part.</summary>
    [JsonPropertyName("text")] public string? Text { get; init; }

    /// <summary>Image of an <c>image_url</c> part.</summary>
    [JsonPropertyName("image_url")] public OpenAiImageUrl? ImageUrl { get; init; }
}

/// <summary><c>image_url</c>: a data URL or an http(s) URL.</summary>
public sealed record OpenAiImageUrl
{
    /// <summary>The URL.</summary>
    [JsonPropertyName("url")] public string? Url { get; init; }

    /// <summary>Detail hint (ignored upstream).</summary>
    [JsonPropertyName("detail")] public string? Detail { get; init; }
}

/// <summary>A tool definition.</summary>
public sealed record OpenAiTool
{
    /// <summary>Always <c>function</c>.</summary>
    [JsonPropertyName("type")] public string? Type { get; init; }

    /// <summary>The function.</summary>
    [JsonPropertyName("function")] public OpenAiFunctionDefinition? Function { get; init; }
}

/// <summary>A function definition.</summary>
public sealed record OpenAiFunctionDefinition
{
    /// <summary>Function name.</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }

    /// <summary>What it does.</summary>
    [JsonPropertyName("description")] public string? Description { get; init; }

    /// <summary>JSON Schema of the arguments.</summary>
    [JsonPropertyName("parameters")] public JsonElement? Parameters { get; init; }

    /// <summary>Strict schema adherence flag.</summary>
    [JsonPropertyName("strict")] public bool? Strict { get; init; }
}

/// <summary>A tool call, in an assistant message or in a response.</summary>
public sealed record OpenAiToolCall
{
    /// <summary>Streaming only: position of the call in the message.</summary>
    [JsonPropertyName("index")] public int? Index { get; init; }

    /// <summary>Call id (<c>call_…</c>).</summary>
    [JsonPropertyName("id")] public string? Id { get; init; }

    /// <summary>Always <c>function</c>.</summary>
    [JsonPropertyName("type")] public string? Type { get; init; }

    /// <summary>The function called.</summary>
    [JsonPropertyName("function")] public OpenAiFunctionCall? Function { get; init; }

    /// <summary>Provider extras; carries <c>google.thought_signature</c> (Gemini's OpenAI convention).</summary>
    [JsonPropertyName("extra_content")] public OpenAiExtraContent? ExtraContent { get; init; }
}

/// <summary>Name and JSON-encoded arguments of a call.</summary>
public sealed record OpenAiFunctionCall
{
    /// <summary>Function name.</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }

    /// <summary>Arguments as a JSON string.</summary>
    [JsonPropertyName("arguments")] public string? Arguments { get; init; }
}

/// <summary><c>extra_content</c> on a tool call.</summary>
public sealed record OpenAiExtraContent
{
    /// <summary>Google-specific extras.</summary>
    [JsonPropertyName("google")] public OpenAiGoogleExtra? Google { get; init; }
}

/// <summary><c>extra_content.google</c>.</summary>
public sealed record OpenAiGoogleExtra
{
    /// <summary>The Gemini thought signature of the call, byte-exact.</summary>
    [JsonPropertyName("thought_signature")] public string? ThoughtSignature { get; init; }
}
