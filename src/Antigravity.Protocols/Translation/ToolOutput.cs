using System.Text.Json;

namespace Antigravity.Protocols.Translation;

/// <summary>
/// Builds <c>functionResponse.response</c>: Gemini wants an object, with the result under <c>output</c>
/// or, for a failed call, under <c>error</c>.
/// </summary>
internal static class ToolOutput
{
    public static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    /// <summary>Anthropic's <c>caller</c> of a tool_use the model made itself.</summary>
    public static readonly JsonElement DirectCaller = JsonDocument.Parse("{\"type\":\"direct\"}").RootElement.Clone();

    public static JsonElement Create(string text, bool isError)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(text.Length + 16);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString(isError ? "error" : "output", text);
            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
