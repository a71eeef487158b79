using System.Buffers;
using Antigravity.Protocols.Gemini;
using Antigravity.Protocols.Thinking;
using Antigravity.Protocols.Usage;

namespace Antigravity.Gateway.Chat;

/// <summary>The protocol writer a streaming client gets (OpenAI chunks, Anthropic events, Gemini pass-through).</summary>
internal interface IClientStream
{
    /// <summary>Usage seen so far.</summary>
    TokenUsage Usage { get; }

    /// <summary>Tool-call signatures seen so far.</summary>
    IReadOnlyList<ToolCallSignature> Signatures { get; }

    /// <summary>The response content type.</summary>
    string ContentType => "text/event-stream; charset=utf-8";

    /// <summary>Writes the client events for one upstream event (parsed, and its raw JSON).</summary>
    void WriteEvent(GeminiGenerateContentResponse upstreamEvent, ReadOnlyMemory<byte> raw, IBufferWriter<byte> output);

    /// <summary>Ends the stream normally.</summary>
    void Complete(IBufferWriter<byte> output);

    /// <summary>Saves what must outlive the stream, after <see cref="Complete"/> and before the end is flushed.</summary>
    Task PersistAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Ends a stream that failed after the first byte.</summary>
    void WriteError(IBufferWriter<byte> output, string message);

    /// <summary>Something that keeps idle proxies from closing the connection.</summary>
    void WriteKeepAlive(IBufferWriter<byte> output);
}
