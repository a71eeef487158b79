using System.Text.Json.Nodes;

namespace Antigravity.UpstreamEmulator.GeminiApi;

/// <summary>A model of the public Gemini API (<c>generativelanguage.googleapis.com</c>).</summary>
internal sealed record GeminiApiModel(string Id, string DisplayName, string Version, int InputTokenLimit, int OutputTokenLimit, bool Thinking)
{
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["name"] = "models/" + Id,
            ["version"] = Version,
            ["displayName"] = DisplayName,
            ["description"] = $"Emulated {DisplayName}",
            ["inputTokenLimit"] = InputTokenLimit,
            ["outputTokenLimit"] = OutputTokenLimit,
            ["supportedGenerationMethods"] = new JsonArray("generateContent", "countTokens", "createCachedContent", "batchGenerateContent"),
            ["temperature"] = 1,
            ["topP"] = 0.95,
            ["topK"] = 64,
            ["maxTemperature"] = 2,
        };
        if (Thinking)
        {
            json["thinking"] = true;
        }
        return json;
    }
}

internal static class GeminiApiModels
{
    public static readonly IReadOnlyList<GeminiApiModel> All =
    [
        new("gemini-2.5-flash", "Gemini 2.5 Flash", "001", 1048576, 65536, true),
        new("gemini-2.5-flash-lite", "Gemini 2.5 Flash-Lite", "001", 1048576, 65536, true),
        new("gemini-2.5-pro", "Gemini 2.5 Pro", "2.5", 1048576, 65536, true),
        new("gemini-2.0-flash", "Gemini 2.0 Flash", "2.0", 1048576, 8192, false),
        new("gemini-3-pro-preview", "Gemini 3 Pro Preview", "3-pro-preview-11-2025", 1048576, 65536, true),
        new("gemini-3-flash-preview", "Gemini 3 Flash Preview", "3-flash-preview-12-2025", 1048576, 65536, true),
    ];

    public static GeminiApiModel? Find(string id) => All.FirstOrDefault(m => m.Id == id);
}
