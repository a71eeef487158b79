using System.Buffers;
using Antigravity.Protocols.Gemini;
using Antigravity.Protocols.Sse;
using Antigravity.Protocols.Thinking;
using Antigravity.Protocols.Translation;
using Antigravity.Protocols.Usage;

namespace Antigravity.Gateway.Chat;

/// <summary>OpenAI <c>chat.completion.chunk</c> events; a failure is an error chunk followed by <c>[DONE]</c>.</summary>
internal sealed class OpenAiClientStream(ResponseTranslationOptions options) : IClientStream
{
    private readonly OpenAiStreamWriter _writer = new(options);

    public TokenUsage Usage => _writer.Usage;

    public IReadOnlyList<ToolCallSignature> Signatures => _writer.Signatures;

    public void WriteEvent(GeminiGenerateContentResponse upstreamEvent, ReadOnlyMemory<byte> raw, IBufferWriter<byte> output) => _writer.WriteEvent(upstreamEvent, output);

    public void Complete(IBufferWriter<byte> output) => _writer.Complete(output);

    public void WriteError(IBufferWriter<byte> output, string message)
    {
        _writer.WriteError(output, message, "server_error", "upstream_error");
        SseWriter.WriteDone(output);
    }

    public void WriteKeepAlive(IBufferWriter<byte> output) => SseWriter.WriteComment(output, "keep-alive");
}
