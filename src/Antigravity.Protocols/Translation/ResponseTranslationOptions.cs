namespace Antigravity.Protocols.Translation;

/// <summary>What a response translator (non-streaming or streaming) needs besides the upstream answer.</summary>
public sealed record ResponseTranslationOptions
{
    /// <summary>The answer's id as the client sees it (<c>chatcmpl-…</c> / <c>msg_…</c>); also seeds generated tool-call ids.</summary>
    public required string Id { get; init; }

    /// <summary>The model name the client asked for (echoed back).</summary>
    public required string Model { get; init; }

    /// <summary>Creation time, Unix seconds (OpenAI <c>created</c>).</summary>
    public long CreatedUnixSeconds { get; init; }

    /// <summary>OpenAI streaming: send a final usage chunk (<c>stream_options.include_usage</c>).</summary>
    public bool IncludeUsage { get; init; }

    /// <summary>
    /// Anthropic: put a function call's thought signature in an empty <c>thinking</c> block right before its
    /// <c>tool_use</c>, so a client that keeps thinking blocks carries the signature back by itself
    /// (<see cref="AnthropicToGemini"/> restores it onto the call). The cache covers clients that drop it.
    /// </summary>
    public bool EmitSignatureCarrierBlocks { get; init; } = true;
}
