using System.Text.Json.Nodes;

namespace Antigravity.UpstreamEmulator.Generation;

/// <summary>
/// The emulator's tokenizer: one token per four characters (rounded up) of every string and number in the
/// counted sections. Generation usage and the countTokens endpoints use the same function, so they agree.
/// </summary>
internal static class TokenCounter
{
    public static int Count(string? text) => string.IsNullOrEmpty(text) ? 0 : (text.Length + 3) / 4;

    /// <summary>Tokens of the given request sections; at least one.</summary>
    public static int CountSections(params JsonNode?[] sections)
    {
        long chars = 0;
        foreach (var section in sections)
        {
            chars += CountChars(section);
        }
        return (int)Math.Max(1, (chars + 3) / 4);
    }

    private static long CountChars(JsonNode? node) => node switch
    {
        null => 0,
        JsonObject obj => obj.Sum(pair => CountChars(pair.Value)),
        JsonArray array => array.Sum(CountChars),
        JsonValue value when value.TryGetValue<string>(out var text) => text.Length,
        JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.Number => value.ToJsonString(EmulatorJson.Compact).Length,
        _ => 0,
    };
}
