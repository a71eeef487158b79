using System.Buffers;
using System.Text.Json;

namespace Antigravity.Protocols.Anthropic;

/// <summary>Anthropic error bodies: <c>{"type":"error","error":{"type","message"}}</c>.</summary>
public static class AnthropicErrorBody
{
    /// <summary><c>invalid_request_error</c> (400).</summary>
    public const string InvalidRequest = "invalid_request_error";

    /// <summary><c>authentication_error</c> (401).</summary>
    public const string Authentication = "authentication_error";

    /// <summary><c>rate_limit_error</c> (429).</summary>
    public const string RateLimit = "rate_limit_error";

    /// <summary><c>api_error</c> (500).</summary>
    public const string Api = "api_error";

    /// <summary><c>overloaded_error</c> (529 / 503).</summary>
    public const string Overloaded = "overloaded_error";

    /// <summary>The body for a 400 caused by <paramref name="error"/>; the message starts with the field path.</summary>
    public static byte[] FromProtocolError(ProtocolError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return Create(InvalidRequest, error.ToString());
    }

    /// <summary>An error body of <paramref name="type"/>.</summary>
    public static byte[] Create(string type, string message)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, type, message);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes the error object into <paramref name="writer"/>.</summary>
    public static void Write(Utf8JsonWriter writer, string type, string message)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("type", "error");
        writer.WriteStartObject("error");
        writer.WriteString("type", type);
        writer.WriteString("message", message);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
