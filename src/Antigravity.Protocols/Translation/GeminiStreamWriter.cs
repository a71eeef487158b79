using System.Buffers;
using System.Text.Json;
using Antigravity.Protocols.Gemini;
using Antigravity.Protocols.Sse;
using Antigravity.Protocols.Usage;

namespace Antigravity.Protocols.Translation;

/// <summary>
/// Streams a Gemini answer to a Gemini client: each upstream event's data (Cloud Code envelope removed, bytes
/// otherwise untouched) becomes one <c>data:</c> frame; usage is read on the way for the gateway's records.
/// </summary>
public sealed class GeminiStreamWriter
{
    private readonly SseJsonFrame _frame = new();

    /// <summary>Usage so far (the last <c>usageMetadata</c> seen).</summary>
    public TokenUsage Usage { get; private set; }

    /// <summary>Writes one upstream event's data (enveloped or not) as a <c>data:</c> frame.</summary>
    public void WriteEvent(ReadOnlyMemory<byte> upstreamData, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var inner = CloudCodeEnvelope.UnwrapResponse(upstreamData);
        if (TryReadUsage(inner.Span) is { } usage)
        {
            Usage = TokenUsage.FromGemini(usage);
        }

        SseWriter.WriteData(output, inner.Span);
    }

    /// <summary>Ends a stream that failed after the first byte with a Google error object as the last frame.</summary>
    public void WriteError(IBufferWriter<byte> output, int code, string status, string message)
    {
        ArgumentNullException.ThrowIfNull(output);
        GeminiErrorBody.Write(_frame.BeginData(output), code, status, message);
        _frame.End(output);
    }

    private static GeminiUsageMetadata? TryReadUsage(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isUsage = reader.ValueTextEquals("usageMetadata"u8);
                reader.Read();
                if (isUsage && reader.TokenType == JsonTokenType.StartObject)
                {
                    return JsonSerializer.Deserialize(ref reader, GeminiJsonContext.Default.GeminiUsageMetadata);
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Not a response object: nothing to count.
        }

        return null;
    }
}
