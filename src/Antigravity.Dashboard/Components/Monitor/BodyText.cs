using System.Text.Json;

namespace Antigravity.Dashboard.Components.Monitor;

/// <summary>How a stored body reads in the detail view: JSON indented, anything else (SSE, text) as it is.</summary>
internal static class BodyText
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The body to show; "(empty)" when there is none.</summary>
    public static string Pretty(string? body)
    {
        if (string.IsNullOrEmpty(body))
        {
            return "(empty)";
        }
        var trimmed = body.AsSpan().TrimStart();
        if (trimmed.Length == 0 || (trimmed[0] != '{' && trimmed[0] != '['))
        {
            return body;
        }
        try
        {
            using var document = JsonDocument.Parse(body);
            var output = new System.Buffers.ArrayBufferWriter<byte>(body.Length * 2);
            using (var writer = new Utf8JsonWriter(output, Indented))
            {
                document.WriteTo(writer);
            }
            return System.Text.Encoding.UTF8.GetString(output.WrittenSpan);
        }
        catch (JsonException)
        {
            return body; // truncated or not JSON after all
        }
    }
}
