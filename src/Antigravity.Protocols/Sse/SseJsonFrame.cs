using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Antigravity.Protocols.Sse;

/// <summary>
/// Writes one SSE frame whose data is a JSON object straight into the output with a reused
/// <see cref="Utf8JsonWriter"/>: no intermediate strings or buffers per token.
/// </summary>
internal sealed class SseJsonFrame
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = false };

    private readonly Utf8JsonWriter _writer = new(new ArrayBufferWriter<byte>(1), Options);

    /// <summary>Starts <c>data: </c> and returns the JSON writer positioned on the output.</summary>
    public Utf8JsonWriter BeginData(IBufferWriter<byte> output)
    {
        output.Write("data: "u8);
        _writer.Reset(output);
        return _writer;
    }

    /// <summary>Starts <c>event: name</c> + <c>data: </c> and returns the JSON writer.</summary>
    public Utf8JsonWriter BeginEvent(IBufferWriter<byte> output, ReadOnlySpan<byte> eventName)
    {
        output.Write("event: "u8);
        output.Write(eventName);
        output.Write("\ndata: "u8);
        _writer.Reset(output);
        return _writer;
    }

    /// <summary>Flushes the JSON and ends the frame with a blank line.</summary>
    public void End(IBufferWriter<byte> output)
    {
        _writer.Flush();
        output.Write("\n\n"u8);
    }
}
