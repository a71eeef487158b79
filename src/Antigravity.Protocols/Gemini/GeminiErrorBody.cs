using System.Buffers;
using System.Text.Json;

namespace Antigravity.Protocols.Gemini;

/// <summary>Google error bodies: <c>{"error":{"code","message","status"}}</c>.</summary>
public static class GeminiErrorBody
{
    /// <summary>The body for a 400 caused by <paramref name="error"/>.</summary>
    public static byte[] FromProtocolError(ProtocolError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return Create(400, "INVALID_ARGUMENT", error.ToString());
    }

    /// <summary>An error body.</summary>
    /// <param name="code">HTTP status code.</param>
    /// <param name="status">Google status, e.g. <c>INVALID_ARGUMENT</c>, <c>RESOURCE_EXHAUSTED</c>, <c>UNAVAILABLE</c>, <c>INTERNAL</c>.</param>
    /// <param name="message">Human-readable message.</param>
    public static byte[] Create(int code, string status, string message)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, code, status, message);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes the error object into <paramref name="writer"/>.</summary>
    public static void Write(Utf8JsonWriter writer, int code, string status, string message)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteStartObject("error");
        writer.WriteNumber("code", code);
        writer.WriteString("message", message);
        writer.WriteString("status", status);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
