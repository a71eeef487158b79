using System.Buffers;
using System.Text.Json;

namespace Antigravity.Protocols.Gemini;

/// <summary>
/// The Cloud Code <c>v1internal</c> envelope: requests go up as
/// <c>{"project","model","request":{…},"userAgent","requestType","requestId"}</c>; answers and stream events
/// come back as <c>{"response":{…}}</c>. Wrapping and unwrapping copy bytes; nothing is re-serialized.
/// </summary>
public static class CloudCodeEnvelope
{
    /// <summary>Wraps a typed request.</summary>
    public static byte[] WrapRequest(GeminiGenerateContentRequest request, CloudCodeRequestInfo info)
    {
        ArgumentNullException.ThrowIfNull(request);
        return WrapRequest(JsonSerializer.SerializeToUtf8Bytes(request, GeminiJsonContext.Default.GeminiGenerateContentRequest), info);
    }

    /// <summary>Wraps a request that is already JSON (e.g. a Gemini client's body, passed through untouched).</summary>
    public static byte[] WrapRequest(ReadOnlySpan<byte> requestJson, CloudCodeRequestInfo info)
    {
        var buffer = new ArrayBufferWriter<byte>(requestJson.Length + 256);
        WriteRequest(buffer, requestJson, info);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes the envelope around <paramref name="requestJson"/> into <paramref name="output"/>.</summary>
    public static void WriteRequest(IBufferWriter<byte> output, ReadOnlySpan<byte> requestJson, CloudCodeRequestInfo info)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(info);
        using var writer = new Utf8JsonWriter(output);
        writer.WriteStartObject();
        writer.WriteString("project", info.Project);
        writer.WriteString("model", info.Model);
        writer.WritePropertyName("request");
        writer.WriteRawValue(requestJson, skipInputValidation: false);
        writer.WriteString("userAgent", info.UserAgent);
        writer.WriteString("requestType", info.RequestType);
        writer.WriteString("requestId", info.RequestId);
        writer.WriteEndObject();
    }

    /// <summary>
    /// Returns the inner <c>response</c> object of a Cloud Code answer or stream event, as a slice of
    /// <paramref name="json"/>; a body without the envelope (the Gemini API's own shape) comes back as is.
    /// </summary>
    public static ReadOnlyMemory<byte> UnwrapResponse(ReadOnlyMemory<byte> json)
    {
        var reader = new Utf8JsonReader(json.Span);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return json;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isResponse = reader.ValueTextEquals("response"u8);
                reader.Read();
                if (isResponse && reader.TokenType == JsonTokenType.StartObject)
                {
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    return json[start..(int)reader.BytesConsumed];
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Not JSON: let the caller's parser report it.
        }

        return json;
    }

    /// <summary>Unwraps (when enveloped) and deserializes an answer or stream event; null when it is not a response object.</summary>
    public static GeminiGenerateContentResponse? ParseResponse(ReadOnlyMemory<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize(UnwrapResponse(json).Span, GeminiJsonContext.Default.GeminiGenerateContentResponse);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
