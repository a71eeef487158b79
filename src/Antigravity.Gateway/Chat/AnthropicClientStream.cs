using System.Buffers;
using Antigravity.Protocols.Anthropic;
using Antigravity.Protocols.Gemini;
using Antigravity.Protocols.Thinking;
using Antigravity.Protocols.Translation;
using Antigravity.Protocols.Usage;

namespace Antigravity.Gateway.Chat;

/// <summary>Anthropic Messages events (<c>message_start</c> … <c>message_stop</c>); keep-alives are <c>ping</c> events.</summary>
internal sealed class AnthropicClientStream(ResponseTranslationOptions options) : IClientStream
{
    private readonly AnthropicStreamWriter _writer = new(options);

    public TokenUsage Usage => _writer.Usage;

    public IReadOnlyList<ToolCallSignature> Signatures => _writer.Signatures;

    public void WriteEvent(GeminiGenerateContentResponse upstreamEvent, ReadOnlyMemory<byte> raw, IBufferWriter<byte> output) => _writer.WriteEvent(upstreamEvent, output);

    public void Complete(IBufferWriter<byte> output) => _writer.Complete(output);

    public void WriteError(IBufferWriter<byte> output, string message) => _writer.WriteError(output, AnthropicErrorBody.Api, message);

    public void WriteKeepAlive(IBufferWriter<byte> output) => _writer.WritePing(output);
}
