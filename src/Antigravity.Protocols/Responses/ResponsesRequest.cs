using System.Text.Json;
using System.Text.Json.Serialization;

namespace Antigravity.Protocols.Responses;

/// <summary>An OpenAI Responses API request (<c>POST /v1/responses</c>), as Codex CLI and the OpenAI SDKs send it.</summary>
public sealed record ResponsesRequest
{
    /// <summary>The model.</summary>
    [JsonPropertyName("model")] public string? Model { get; init; }

    /// <summary>A string (one user message) or an array of input items.</summary>
    [JsonPropertyName("input")] public JsonElement? Input { get; init; }

    /// <summary>System-level instructions for this response only (not carried to the next one).</summary>
    [JsonPropertyName("instructions")] public string? Instructions { get; init; }

    /// <summary>Tools; only <c>function</c> tools can run here.</summary>
    [JsonPropertyName("tools")] public IReadOnlyList<ResponsesTool?>? Tools { get; init; }

    /// <summary><c>auto</c>, <c>none</c>, <c>required</c> or <c>{"type":"function","name":…}</c>.</summary>
    [JsonPropertyName("tool_choice")] public JsonElement? ToolChoice { get; init; }

    /// <summary>Reasoning options.</summary>
    [JsonPropertyName("reasoning")] public ResponsesReasoning? Reasoning { get; init; }

    /// <summary>Upper bound of generated tokens, reasoning included.</summary>
    [JsonPropertyName("max_output_tokens")] public int? MaxOutputTokens { get; init; }

    /// <summary>Sampling temperature (0–2).</summary>
    [JsonPropertyName("temperature")] public double? Temperature { get; init; }

    /// <summary>Nucleus sampling (0–1).</summary>
    [JsonPropertyName("top_p")] public double? TopP { get; init; }

    /// <summary>Keep the response so a later request can continue it (default true).</summary>
    [JsonPropertyName("store")] public bool? Store { get; init; }

    /// <summary>The stored response this one continues.</summary>
    [JsonPropertyName("previous_response_id")] public string? PreviousResponseId { get; init; }

    /// <summary>Stream server-sent events.</summary>
    [JsonPropertyName("stream")] public bool? Stream { get; init; }

    /// <summary>Up to 16 string pairs echoed on the response.</summary>
    [JsonPropertyName("metadata")] public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>Whether the model may call several tools at once.</summary>
    [JsonPropertyName("parallel_tool_calls")] public bool? ParallelToolCalls { get; init; }

    /// <summary>Text output options (<c>format</c>).</summary>
    [JsonPropertyName("text")] public ResponsesTextOptions? Text { get; init; }

    /// <summary>Extra output the client wants (e.g. <c>reasoning.encrypted_content</c>).</summary>
    [JsonPropertyName("include")] public IReadOnlyList<string>? Include { get; init; }

    /// <summary>An end-user id.</summary>
    [JsonPropertyName("user")] public string? User { get; init; }
}

/// <summary>A tool declaration.</summary>
public sealed record ResponsesTool
{
    /// <summary><c>function</c>, <c>namespace</c> (a group of function tools), or a built-in tool type.</summary>
    [JsonPropertyName("type")] public string? Type { get; init; }

    /// <summary>Function name.</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }

    /// <summary>What the function does.</summary>
    [JsonPropertyName("description")] public string? Description { get; init; }

    /// <summary>JSON Schema of the arguments.</summary>
    [JsonPropertyName("parameters")] public JsonElement? Parameters { get; init; }

    /// <summary>Strict schema adherence.</summary>
    [JsonPropertyName("strict")] public bool? Strict { get; init; }

    /// <summary>The function tools a <c>namespace</c> tool groups (Codex sends its sub-agent tools this way).</summary>
    [JsonPropertyName("tools")] public IReadOnlyList<ResponsesTool?>? Tools { get; init; }

    /// <summary><c>web_search</c>: <c>{"allowed_domains":[…]}</c>.</summary>
    [JsonPropertyName("filters")] public JsonElement? Filters { get; init; }

    /// <summary><c>web_search</c>: the user's approximate location.</summary>
    [JsonPropertyName("user_location")] public JsonElement? UserLocation { get; init; }

    /// <summary><c>web_search</c>: <c>low</c>, <c>medium</c> or <c>high</c>.</summary>
    [JsonPropertyName("search_context_size")] public string? SearchContextSize { get; init; }
}

/// <summary><c>reasoning</c>.</summary>
public sealed record ResponsesReasoning
{
    /// <summary><c>none</c>, <c>minimal</c>, <c>low</c>, <c>medium</c>, <c>high</c>, <c>xhigh</c>.</summary>
    [JsonPropertyName("effort")] public string? Effort { get; init; }

    /// <summary><c>auto</c>, <c>concise</c> or <c>detailed</c>.</summary>
    [JsonPropertyName("summary")] public string? Summary { get; init; }
}

/// <summary><c>text</c>.</summary>
public sealed record ResponsesTextOptions
{
    /// <summary>The output format.</summary>
    [JsonPropertyName("format")] public ResponsesTextFormat? Format { get; init; }
}

/// <summary><c>text.format</c>: <c>text</c>, <c>json_object</c> or <c>json_schema</c>.</summary>
public sealed record ResponsesTextFormat
{
    /// <summary>The format type.</summary>
    [JsonPropertyName("type")] public string? Type { get; init; }

    /// <summary>Schema name (<c>json_schema</c>).</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }

    /// <summary>The JSON Schema (<c>json_schema</c>).</summary>
    [JsonPropertyName("schema")] public JsonElement? Schema { get; init; }

    /// <summary>Strict adherence (<c>json_schema</c>).</summary>
    [JsonPropertyName("strict")] public bool? Strict { get; init; }
}
