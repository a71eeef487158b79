namespace Antigravity.Protocols.Responses;

/// <summary>
/// One input item, normalized from its wire shapes (a bare string, <c>{"role","content"}</c> messages, typed items):
/// a message, a function call the model made, a function call's output, or a reasoning item.
/// </summary>
public sealed record ResponsesInputItem
{
    /// <summary><c>message</c>, <c>function_call</c>, <c>function_call_output</c> or <c>reasoning</c>.</summary>
    public required string Type { get; init; }

    /// <summary>Message role: <c>user</c>, <c>assistant</c>, <c>system</c> or <c>developer</c>.</summary>
    public string? Role { get; init; }

    /// <summary>Message content parts.</summary>
    public IReadOnlyList<ResponsesContentPart> Content { get; init; } = [];

    /// <summary>Function call id linking a call to its output.</summary>
    public string? CallId { get; init; }

    /// <summary>Function name.</summary>
    public string? Name { get; init; }

    /// <summary>Function arguments (a JSON string).</summary>
    public string? Arguments { get; init; }

    /// <summary>A function call's output, as text.</summary>
    public string? Output { get; init; }

    /// <summary>Reasoning: the opaque content a client sends back (this gateway's thinking signature).</summary>
    public string? EncryptedContent { get; init; }

    /// <summary>Reasoning: the summary text.</summary>
    public string? SummaryText { get; init; }
}

/// <summary>A content part: text (<c>input_text</c>, <c>output_text</c>, <c>refusal</c>) or an image (<c>input_image</c>).</summary>
/// <param name="Type">The part type.</param>
/// <param name="Text">Text, for text parts.</param>
/// <param name="ImageUrl">A data URL or http(s) URL, for images.</param>
public sealed record ResponsesContentPart(string Type, string? Text = null, string? ImageUrl = null);
