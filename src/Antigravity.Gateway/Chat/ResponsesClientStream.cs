using System.Buffers;
using Antigravity.Protocols.Gemini;
using Antigravity.Protocols.Responses;
using Antigravity.Protocols.Sse;
using Antigravity.Protocols.Thinking;
using Antigravity.Protocols.Usage;

namespace Antigravity.Gateway.Chat;

/// <summary>Responses API events; a failure is <c>response.failed</c>; the finished response is stored before the end is sent.</summary>
internal sealed class ResponsesClientStream(ResponsesContext context, Func<ResponsesResponse, CancellationToken, Task> persist) : IClientStream
{
    private readonly ResponsesStreamWriter _writer = new(context);

    public TokenUsage Usage => _writer.Usage;

    public IReadOnlyList<ToolCallSignature> Signatures => _writer.Signatures;

    public void WriteEvent(GeminiGenerateContentResponse upstreamEvent, ReadOnlyMemory<byte> raw, IBufferWriter<byte> output) => _writer.WriteEvent(upstreamEvent, output);

    public void Complete(IBufferWriter<byte> output) => _writer.Complete(output);

    public Task PersistAsync(CancellationToken cancellationToken) =>
        _writer.Final is { } final ? persist(final, cancellationToken) : Task.CompletedTask;

    public void WriteError(IBufferWriter<byte> output, string message) => _writer.WriteError(output, message);

    public void WriteKeepAlive(IBufferWriter<byte> output) => SseWriter.WriteComment(output, "keep-alive");
}
