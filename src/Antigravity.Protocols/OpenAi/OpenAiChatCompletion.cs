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
