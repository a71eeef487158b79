using System.Buffers;
using System.Text.Json;

namespace Antigravity.Protocols.OpenAi;

/// <summary>OpenAI error bodies: <c>{"error":{"message","type","param","code"}}</c>.</summary>
public static class OpenAiErrorBody
{
    /// <summary>The body for a 400 caused by <paramref name="error"/>, naming the field in <c>param</c>.</summary>
    public static byte[] FromProtocolError(ProtocolError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return Create(error.ToString(), "invalid_request_error", error.Field.Length == 0 ? null : error.Field);
    }

    /// <summary>An error body.</summary>
    /// <param name="message">Human-readable message.</param>
    /// <param name="type"><c>invalid_request_error</c>, <c>authentication_error</c>, <c>rate_limit_error</c>, <c>api_error</c>…</param>
    /// <param name="param">The offending parameter, if any.</param>
    /// <param name="code">A machine-readable code, if any.</param>
    public static byte[] Create(string message, string type, string? param = null, string? code = null)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, message, type, param, code);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes the error object into <paramref name="writer"/>.</summary>
    public static void Write(Utf8JsonWriter writer, string message, string type, string? param = null, string? code = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteStartObject("error");
        writer.WriteString("message", message);
        writer.WriteString("type", type);
        WriteNullable(writer, "param", param);
        WriteNullable(writer, "code", code);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}
