using System.Buffers;
using System.Text;

namespace Antigravity.Protocols.Sse;

/// <summary>Writes server-sent-event frames into an <see cref="IBufferWriter{T}"/>.</summary>
public static class SseWriter
{
    /// <summary>Writes <c>data: …</c> and a blank line; a payload with newlines becomes several <c>data:</c> lines.</summary>
    public static void WriteData(IBufferWriter<byte> output, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(output);
        WriteDataLines(output, data);
        output.Write("\n"u8);
    }

    /// <summary>Writes <c>event: name</c>, the data lines and a blank line.</summary>
    public static void WriteEvent(IBufferWriter<byte> output, string eventType, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentException.ThrowIfNullOrEmpty(eventType);
        output.Write("event: "u8);
        WriteUtf8(output, eventType);
        output.Write("\n"u8);
        WriteDataLines(output, data);
        output.Write("\n"u8);
    }

    /// <summary>Writes a comment line (<c>: text</c>) and a blank line; clients ignore it, proxies see traffic.</summary>
    public static void WriteComment(IBufferWriter<byte> output, string text)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write(": "u8);
        WriteUtf8(output, text.Replace('\n', ' ').Replace('\r', ' '));
        output.Write("\n\n"u8);
    }

    /// <summary>Writes OpenAI's terminator <c>data: [DONE]</c>.</summary>
    public static void WriteDone(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write("data: [DONE]\n\n"u8);
    }

    private static void WriteDataLines(IBufferWriter<byte> output, ReadOnlySpan<byte> data)
    {
        while (true)
        {
            var newline = data.IndexOfAny((byte)'\r', (byte)'\n');
            output.Write("data: "u8);
            if (newline < 0)
            {
                output.Write(data);
                output.Write("\n"u8);
                return;
            }

            output.Write(data[..newline]);
            output.Write("\n"u8);
            var skip = data[newline] == (byte)'\r' && newline + 1 < data.Length && data[newline + 1] == (byte)'\n' ? 2 : 1;
            data = data[(newline + skip)..];
        }
    }

    private static void WriteUtf8(IBufferWriter<byte> output, string text)
    {
        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        var written = Encoding.UTF8.GetBytes(text, span);
        output.Advance(written);
    }
}
