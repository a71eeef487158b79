using System.Buffers;
using Antigravity.Protocols.Gemini;
using Antigravity.Protocols.Sse;
using Antigravity.Protocols.Thinking;
using Antigravity.Protocols.Translation;
using Antigravity.Protocols.Usage;

namespace Antigravity.Gateway.Chat;

/// <summary>Gemini <c>streamGenerateContent?alt=sse</c>: the upstream events with the Cloud Code envelope removed.</summary>
internal sealed class GeminiSseClientStream : IClientStream
{
    private readonly GeminiStreamWriter _writer = new();

    public TokenUsage Usage => _writer.Usage;

    public IReadOnlyList<ToolCallSignature> Signatures => [];

    public void WriteEvent(GeminiGenerateContentResponse upstreamEvent, ReadOnlyMemory<byte> raw, IBufferWriter<byte> output) => _writer.WriteEvent(raw, output);

    public void Complete(IBufferWriter<byte> output)
    {
        // Gemini streams end when the connection does; there is no closing event.
    }

    public void WriteError(IBufferWriter<byte> output, string message) => _writer.WriteError(output, 502, "UNAVAILABLE", message);

    public void WriteKeepAlive(IBufferWriter<byte> output) => SseWriter.WriteComment(output, "keep-alive");
}

/// <summary>Gemini <c>streamGenerateContent</c> without <c>alt=sse</c>: a JSON array written element by element.</summary>
internal sealed class GeminiArrayClientStream : IClientStream
{
    private bool _started;

    public string ContentType => "application/json; charset=utf-8";

    public TokenUsage Usage { get; private set; }

    public IReadOnlyList<ToolCallSignature> Signatures => [];

    public void WriteEvent(GeminiGenerateContentResponse upstreamEvent, ReadOnlyMemory<byte> raw, IBufferWriter<byte> output)
    {
        if (upstreamEvent.UsageMetadata is not null)
        {
            Usage = TokenUsage.FromGemini(upstreamEvent.UsageMetadata);
        }
        output.Write(_started ? ",\r\n"u8 : "["u8);
        _started = true;
        output.Write(CloudCodeEnvelope.UnwrapResponse(raw).Span);
    }

    public void Complete(IBufferWriter<byte> output) => output.Write(_started ? "]"u8 : "[]"u8);

    public void WriteError(IBufferWriter<byte> output, string message)
    {
        output.Write(_started ? ",\r\n"u8 : "["u8);
        _started = true;
        output.Write(GeminiErrorBody.Create(502, "UNAVAILABLE", message));
        output.Write("]"u8);
    }

    public void WriteKeepAlive(IBufferWriter<byte> output)
    {
        // Whitespace between array elements is valid JSON and keeps idle proxies from closing the connection.
        output.Write(" "u8);
    }
}
