using Antigravity.Protocols.Gemini;

namespace Antigravity.Protocols.Upstreams;

/// <summary>
/// Turns the server-sent events of a non-Gemini upstream (Anthropic Messages, OpenAI chat completions) into
/// Gemini response events, so every client protocol's writer serves every account kind. Stateful: one per stream.
/// </summary>
public interface IUpstreamDecoder
{
    /// <summary>Decodes one upstream event (its SSE <c>event:</c> name and data) into zero or more Gemini events.</summary>
    /// <exception cref="UpstreamEventException">The upstream reported an error in the stream, or sent garbage.</exception>
    void Decode(string? eventType, ReadOnlySpan<byte> data, List<GeminiGenerateContentResponse> output);

    /// <summary>Called once the upstream stream has ended: emits whatever is still pending.</summary>
    void Complete(List<GeminiGenerateContentResponse> output);
}

/// <summary>An upstream stream reported an error or could not be read.</summary>
/// <param name="message">What the upstream said.</param>
public sealed class UpstreamEventException(string message) : Exception(message);
