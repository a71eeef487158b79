using System.Text;
using System.Text.Json;
using Antigravity.Protocols.Gemini;
using Antigravity.Protocols.Translation;

namespace Antigravity.Protocols.Upstreams;

/// <summary>What the provider stream decoders share: reading fields leniently and building hub events.</summary>
internal static class UpstreamJson
{
    public static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static int Int(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : 0;

    /// <summary>Tool arguments gathered from fragments, as a JSON object (empty → <c>{}</c>).</summary>
    public static JsonElement ParseArguments(StringBuilder json)
    {
        if (json.Length == 0)
        {
            return ToolOutput.EmptyObject;
        }

        try
        {
            using var document = JsonDocument.Parse(json.ToString());
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : ToolOutput.EmptyObject;
        }
        catch (JsonException)
        {
            throw new UpstreamEventException("The upstream sent tool arguments that are not valid JSON.");
        }
    }

    /// <summary>Parses one event's data, or says the upstream sent garbage.</summary>
    public static JsonDocument Parse(ReadOnlySpan<byte> data)
    {
        try
        {
            return JsonDocument.Parse(data.ToArray());
        }
        catch (JsonException)
        {
            throw new UpstreamEventException("The upstream sent an event that is not valid JSON.");
        }
    }

    /// <summary>A hub event: parts (null: no candidate), an optional finish reason and usage.</summary>
    public static GeminiGenerateContentResponse Event(IReadOnlyList<GeminiPart>? parts, string? finishReason, GeminiUsageMetadata? usage, string? model, string? responseId) => new()
    {
        Candidates = parts is null ? null : [new GeminiCandidate { Content = new GeminiContent { Role = "model", Parts = parts }, FinishReason = finishReason, Index = 0 }],
        UsageMetadata = usage,
        ModelVersion = model,
        ResponseId = responseId,
    };
}
