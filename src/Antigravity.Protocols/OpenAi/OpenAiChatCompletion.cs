using System.Text.Json.Serialization;

namespace Antigravity.Protocols.OpenAi;

/// <summary>A non-streaming <c>chat.completion</c> answer.</summary>
public sealed record OpenAiChatCompletion
{
    /// <summary>Completion id (<c>chatcmpl-…</c>).</summary>
    [JsonPropertyName("id")] public required string Id { get; init; }

    /// <summary>Always <c>chat.completion</c>.</summary>
    [JsonPropertyName("object")] public string Object { get; init; } = "chat.completion";

    /// <summary>Unix seconds.</summary>
    [JsonPropertyName("created")] public long Created { get; init; }

    /// <summary>The model name the client asked for.</summary>
    [JsonPropertyName("model")] public required string Model { get; init; }

    /// <summary>One choice per candidate.</summary>
    [JsonPropertyName("choices")] public required IReadOnlyList<OpenAiChoice> Choices { get; init; }

    /// <summary>Token usage.</summary>
    [JsonPropertyName("usage")] public OpenAiUsage? Usage { get; init; }
}

/// <summary>One choice of a completion.</summary>
public sealed record OpenAiChoice
{
    /// <summary>Choice index.</summary>
    [JsonPropertyName("index")] public int Index { get; init; }

    /// <summary>The assistant message.</summary>
    [JsonPropertyName("message")] public required OpenAiResponseMessage Message { get; init; }

    /// <summary>Always null (log probabilities are not produced).</summary>
    [JsonPropertyName("logprobs")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public object? Logprobs { get; init; }

    /// <summary><c>stop</c>, <c>length</c>, <c>tool_calls</c> or <c>content_filter</c>.</summary>
    [JsonPropertyName("finish_reason")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? FinishReason { get; init; }
}

/// <summary>The assistant message of a choice.</summary>
public sealed record OpenAiResponseMessage
{
    /// <summary>Always <c>assistant</c>.</summary>
    [JsonPropertyName("role")] public string Role { get; init; } = "assistant";

    /// <summary>Text answer; null when the message only calls tools.</summary>
    [JsonPropertyName("content")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Content { get; init; }

    /// <summary>The model's thoughts, when the upstream returned them.</summary>
    [JsonPropertyName("reasoning_content")] public string? ReasoningContent { get; init; }

    /// <summary>Tool calls, in order.</summary>
    [JsonPropertyName("tool_calls")] public IReadOnlyList<OpenAiToolCall>? ToolCalls { get; init; }

    /// <summary>Refusal text (not produced; kept for shape).</summary>
    [JsonPropertyName("refusal")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Refusal { get; init; }

    /// <summary>The web pages the text cites (<c>url_citation</c>), when the answer was grounded in a web search.</summary>
    [JsonPropertyName("annotations")] public IReadOnlyList<OpenAiAnnotation>? Annotations { get; init; }

    /// <summary>Not sent: the search behind <see cref="Annotations"/> (its queries), for the Responses API's <c>web_search_call</c> items.</summary>
    [JsonIgnore] public Grounding.WebGrounding? WebSearch { get; init; }
}

/// <summary>A message annotation: <c>{"type":"url_citation","url_citation":{…}}</c>.</summary>
public sealed record OpenAiAnnotation
{
    /// <summary>Always <c>url_citation</c>.</summary>
    [JsonPropertyName("type")] public string Type { get; init; } = "url_citation";

    /// <summary>The cited page and the span of the content it supports.</summary>
    [JsonPropertyName("url_citation")] public required OpenAiUrlCitation UrlCitation { get; init; }

    /// <summary>One annotation per citation, indices in UTF-16 code units of the content.</summary>
    public static IReadOnlyList<OpenAiAnnotation> From(IReadOnlyList<Grounding.WebCitation> citations) =>
        [.. citations.Select(citation => new OpenAiAnnotation
        {
            UrlCitation = new OpenAiUrlCitation { StartIndex = citation.Start, EndIndex = citation.End, Url = citation.Source.Url, Title = citation.Source.Title },
        })];
}

/// <summary><c>url_citation</c>.</summary>
public sealed record OpenAiUrlCitation
{
    /// <summary>Index of the first cited character of the content.</summary>
    [JsonPropertyName("start_index")] public int StartIndex { get; init; }

    /// <summary>Index one past the last cited character.</summary>
    [JsonPropertyName("end_index")] public int EndIndex { get; init; }

    /// <summary>The page.</summary>
    [JsonPropertyName("url")] public required string Url { get; init; }

    /// <summary>The page title.</summary>
    [JsonPropertyName("title")] public required string Title { get; init; }
}

/// <summary>Token usage in OpenAI's shape.</summary>
public sealed record OpenAiUsage
{
    /// <summary>Prompt tokens (cached included).</summary>
    [JsonPropertyName("prompt_tokens")] public int PromptTokens { get; init; }

    /// <summary>Completion tokens (reasoning included).</summary>
    [JsonPropertyName("completion_tokens")] public int CompletionTokens { get; init; }

    /// <summary>Total.</summary>
    [JsonPropertyName("total_tokens")] public int TotalTokens { get; init; }

    /// <summary>Cached prompt tokens.</summary>
    [JsonPropertyName("prompt_tokens_details")] public OpenAiPromptTokensDetails? PromptTokensDetails { get; init; }

    /// <summary>Reasoning tokens.</summary>
    [JsonPropertyName("completion_tokens_details")] public OpenAiCompletionTokensDetails? CompletionTokensDetails { get; init; }
}

/// <summary><c>usage.prompt_tokens_details</c>.</summary>
public sealed record OpenAiPromptTokensDetails
{
    /// <summary>Tokens served from the cache.</summary>
    [JsonPropertyName("cached_tokens")] public int CachedTokens { get; init; }
}

/// <summary><c>usage.completion_tokens_details</c>.</summary>
public sealed record OpenAiCompletionTokensDetails
{
    /// <summary>Tokens spent thinking.</summary>
    [JsonPropertyName("reasoning_tokens")] public int ReasoningTokens { get; init; }
}
