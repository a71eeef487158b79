using System.Text.Json;
using System.Text.Json.Serialization;

namespace Antigravity.Protocols.Responses;

/// <summary>The Responses API <c>response</c> object.</summary>
public sealed record ResponsesResponse
{
    /// <summary><c>resp_…</c>.</summary>
    [JsonPropertyName("id")] public required string Id { get; init; }

    /// <summary>Always <c>response</c>.</summary>
    [JsonPropertyName("object")] public string Object { get; init; } = "response";

    /// <summary>Unix seconds.</summary>
    [JsonPropertyName("created_at")] public long CreatedAt { get; init; }

    /// <summary><c>in_progress</c>, <c>completed</c>, <c>incomplete</c> or <c>failed</c>.</summary>
    [JsonPropertyName("status")] public required string Status { get; init; }

    /// <summary>Why a failed response failed.</summary>
    [JsonPropertyName("error"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] public ResponsesError? Error { get; init; }

    /// <summary>Why an incomplete response stopped.</summary>
    [JsonPropertyName("incomplete_details"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] public ResponsesIncompleteDetails? IncompleteDetails { get; init; }

    /// <summary>The request's instructions.</summary>
    [JsonPropertyName("instructions"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] public string? Instructions { get; init; }

    /// <summary>The request's output limit.</summary>
    [JsonPropertyName("max_output_tokens"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] public int? MaxOutputTokens { get; init; }

    /// <summary>The model the client asked for.</summary>
    [JsonPropertyName("model")] public required string Model { get; init; }

    /// <summary>The output items.</summary>
    [JsonPropertyName("output")] public required IReadOnlyList<ResponsesOutputItem> Output { get; init; }

    /// <summary>Whether parallel tool calls were allowed.</summary>
    [JsonPropertyName("parallel_tool_calls")] public bool ParallelToolCalls { get; init; } = true;

    /// <summary>The response this one continues.</summary>
    [JsonPropertyName("previous_response_id"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] public string? PreviousResponseId { get; init; }

    /// <summary>Reasoning options echoed.</summary>
    [JsonPropertyName("reasoning")] public ResponsesReasoning Reasoning { get; init; } = new();

    /// <summary>Whether the response is stored.</summary>
    [JsonPropertyName("store")] public bool Store { get; init; } = true;

    /// <summary>Temperature echoed.</summary>
    [JsonPropertyName("temperature"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] public double? Temperature { get; init; }

    /// <summary>Text options echoed.</summary>
    [JsonPropertyName("text")] public ResponsesTextOptions Text { get; init; } = new() { Format = new ResponsesTextFormat { Type = "text" } };

    /// <summary>Tool choice echoed.</summary>
    [JsonPropertyName("tool_choice")] public JsonElement ToolChoice { get; init; } = ResponsesDefaults.Auto;

    /// <summary>Tools echoed.</summary>
    [JsonPropertyName("tools")] public IReadOnlyList<ResponsesTool?> Tools { get; init; } = [];

    /// <summary>top_p echoed.</summary>
    [JsonPropertyName("top_p"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] public double? TopP { get; init; }

    /// <summary>Always <c>disabled</c>.</summary>
    [JsonPropertyName("truncation")] public string Truncation { get; init; } = "disabled";

    /// <summary>Token usage (absent while in progress).</summary>
    [JsonPropertyName("usage"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] public ResponsesUsage? Usage { get; init; }

    /// <summary>End-user id echoed.</summary>
    [JsonPropertyName("user"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] public string? User { get; init; }

    /// <summary>Metadata echoed.</summary>
    [JsonPropertyName("metadata")] public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
}

/// <summary>One output item: <c>message</c>, <c>function_call</c>, <c>reasoning</c> or <c>web_search_call</c>.</summary>
public sealed record ResponsesOutputItem
{
    /// <summary>The item type.</summary>
    [JsonPropertyName("type")] public required string Type { get; init; }

    /// <summary><c>msg_…</c>, <c>fc_…</c> or <c>rs_…</c>.</summary>
    [JsonPropertyName("id")] public required string Id { get; init; }

    /// <summary><c>in_progress</c>, <c>completed</c> or <c>incomplete</c> (messages and function calls).</summary>
    [JsonPropertyName("status")] public string? Status { get; init; }

    /// <summary><c>assistant</c> (messages).</summary>
    [JsonPropertyName("role")] public string? Role { get; init; }

    /// <summary>Content parts (messages).</summary>
    [JsonPropertyName("content")] public IReadOnlyList<ResponsesOutputContent>? Content { get; init; }

    /// <summary>Call id (function calls).</summary>
    [JsonPropertyName("call_id")] public string? CallId { get; init; }

    /// <summary>Function name (function calls).</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }

    /// <summary>Arguments as a JSON string (function calls).</summary>
    [JsonPropertyName("arguments")] public string? Arguments { get; init; }

    /// <summary>Summary parts (reasoning).</summary>
    [JsonPropertyName("summary")] public IReadOnlyList<ResponsesSummaryPart>? Summary { get; init; }

    /// <summary>The thinking signature, for the client to send back (reasoning).</summary>
    [JsonPropertyName("encrypted_content")] public string? EncryptedContent { get; init; }

    /// <summary>What the search did (web search calls).</summary>
    [JsonPropertyName("action")] public ResponsesWebSearchAction? Action { get; init; }
}

/// <summary>A message content part: <c>output_text</c>.</summary>
public sealed record ResponsesOutputContent
{
    /// <summary><c>output_text</c>.</summary>
    [JsonPropertyName("type")] public string Type { get; init; } = "output_text";

    /// <summary>The text.</summary>
    [JsonPropertyName("text")] public required string Text { get; init; }

    /// <summary>The web pages the text cites (<c>url_citation</c>); empty unless the answer was grounded in a web search.</summary>
    [JsonPropertyName("annotations")] public IReadOnlyList<ResponsesAnnotation> Annotations { get; init; } = [];
}

/// <summary>An output text annotation: <c>{"type":"url_citation","start_index","end_index","url","title"}</c>.</summary>
public sealed record ResponsesAnnotation
{
    /// <summary>Always <c>url_citation</c>.</summary>
    [JsonPropertyName("type")] public string Type { get; init; } = "url_citation";

    /// <summary>Index of the first cited character (UTF-16 code units) of the text.</summary>
    [JsonPropertyName("start_index")] public int StartIndex { get; init; }

    /// <summary>Index one past the last cited character.</summary>
    [JsonPropertyName("end_index")] public int EndIndex { get; init; }

    /// <summary>The page.</summary>
    [JsonPropertyName("url")] public required string Url { get; init; }

    /// <summary>The page title.</summary>
    [JsonPropertyName("title")] public required string Title { get; init; }

    /// <summary>One annotation per citation.</summary>
    public static IReadOnlyList<ResponsesAnnotation> From(IReadOnlyList<Grounding.WebCitation> citations) =>
        [.. citations.Select(citation => new ResponsesAnnotation
        {
            StartIndex = citation.Start,
            EndIndex = citation.End,
            Url = citation.Source.Url,
            Title = citation.Source.Title,
        })];
}

/// <summary>What a <c>web_search_call</c> item did: <c>{"type":"search","query":…,"sources":[…]}</c>.</summary>
public sealed record ResponsesWebSearchAction
{
    /// <summary>Always <c>search</c>.</summary>
    [JsonPropertyName("type")] public string Type { get; init; } = "search";

    /// <summary>The query.</summary>
    [JsonPropertyName("query")] public required string Query { get; init; }

    /// <summary>The pages it found.</summary>
    [JsonPropertyName("sources")] public IReadOnlyList<ResponsesWebSearchSource>? Sources { get; init; }

    /// <summary>The <c>web_search_call</c> items for <paramref name="search"/>: one per query, the sources on the first.</summary>
    public static IReadOnlyList<ResponsesOutputItem> Items(Grounding.WebGrounding search)
    {
        ArgumentNullException.ThrowIfNull(search);
        var queries = search.Queries.Count > 0 ? search.Queries : [""];
        var sources = search.Sources.Select(source => new ResponsesWebSearchSource { Url = source.Url }).ToList();
        return [.. queries.Select((query, i) => new ResponsesOutputItem
        {
            Type = "web_search_call",
            Id = ResponsesContext.NewItemId("ws"),
            Status = "completed",
            Action = new ResponsesWebSearchAction { Query = query, Sources = i == 0 && sources.Count > 0 ? sources : null },
        })];
    }
}

/// <summary>A source of a search: <c>{"type":"url","url":…}</c>.</summary>
public sealed record ResponsesWebSearchSource
{
    /// <summary>Always <c>url</c>.</summary>
    [JsonPropertyName("type")] public string Type { get; init; } = "url";

    /// <summary>The page.</summary>
    [JsonPropertyName("url")] public required string Url { get; init; }
}

/// <summary>A reasoning summary part: <c>summary_text</c>.</summary>
public sealed record ResponsesSummaryPart
{
    /// <summary><c>summary_text</c>.</summary>
    [JsonPropertyName("type")] public string Type { get; init; } = "summary_text";

    /// <summary>The text.</summary>
    [JsonPropertyName("text")] public required string Text { get; init; }
}

/// <summary>Token usage.</summary>
public sealed record ResponsesUsage
{
    /// <summary>Prompt tokens.</summary>
    [JsonPropertyName("input_tokens")] public int InputTokens { get; init; }

    /// <summary>Cached prompt tokens.</summary>
    [JsonPropertyName("input_tokens_details")] public ResponsesInputTokensDetails InputTokensDetails { get; init; } = new();

    /// <summary>Generated tokens, reasoning included.</summary>
    [JsonPropertyName("output_tokens")] public int OutputTokens { get; init; }

    /// <summary>Reasoning tokens.</summary>
    [JsonPropertyName("output_tokens_details")] public ResponsesOutputTokensDetails OutputTokensDetails { get; init; } = new();

    /// <summary>Sum.</summary>
    [JsonPropertyName("total_tokens")] public int TotalTokens { get; init; }

    /// <summary>From the gateway's usage.</summary>
    public static ResponsesUsage From(Usage.TokenUsage usage) => new()
    {
        InputTokens = usage.InputTokens,
        InputTokensDetails = new ResponsesInputTokensDetails { CachedTokens = usage.CachedInputTokens },
        OutputTokens = usage.OutputTokens,
        OutputTokensDetails = new ResponsesOutputTokensDetails { ReasoningTokens = usage.ReasoningTokens },
        TotalTokens = usage.TotalTokens > 0 ? usage.TotalTokens : usage.InputTokens + usage.OutputTokens,
    };
}

/// <summary><c>input_tokens_details</c>.</summary>
public sealed record ResponsesInputTokensDetails
{
    /// <summary>Cached prompt tokens.</summary>
    [JsonPropertyName("cached_tokens")] public int CachedTokens { get; init; }
}

/// <summary><c>output_tokens_details</c>.</summary>
public sealed record ResponsesOutputTokensDetails
{
    /// <summary>Reasoning tokens.</summary>
    [JsonPropertyName("reasoning_tokens")] public int ReasoningTokens { get; init; }
}

/// <summary><c>error</c> of a failed response.</summary>
/// <param name="Code">e.g. <c>server_error</c>.</param>
/// <param name="Message">What happened.</param>
public sealed record ResponsesError([property: JsonPropertyName("code")] string Code, [property: JsonPropertyName("message")] string Message);

/// <summary><c>incomplete_details</c>.</summary>
/// <param name="Reason"><c>max_output_tokens</c> or <c>content_filter</c>.</param>
public sealed record ResponsesIncompleteDetails([property: JsonPropertyName("reason")] string Reason);

/// <summary>Shared constant JSON values.</summary>
public static class ResponsesDefaults
{
    /// <summary>The string <c>"auto"</c>.</summary>
    public static readonly JsonElement Auto = JsonDocument.Parse("\"auto\"").RootElement.Clone();
}

/// <summary>Source-generated JSON for the Responses API models.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ResponsesRequest))]
[JsonSerializable(typeof(ResponsesResponse))]
[JsonSerializable(typeof(ResponsesOutputItem))]
[JsonSerializable(typeof(IReadOnlyList<ResponsesOutputItem>))]
[JsonSerializable(typeof(ResponsesAnnotation))]
[JsonSerializable(typeof(IReadOnlyList<ResponsesAnnotation>))]
public sealed partial class ResponsesJsonContext : JsonSerializerContext;
