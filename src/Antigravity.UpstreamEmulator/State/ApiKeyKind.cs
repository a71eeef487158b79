namespace Antigravity.UpstreamEmulator.State;

/// <summary>Which upstream an API key opens.</summary>
internal enum ApiKeyKind
{
    Gemini,
    Anthropic,
    OpenAi,
}

internal static class ApiKeyKinds
{
    public static bool TryParse(string? value, out ApiKeyKind kind)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case "gemini":
                kind = ApiKeyKind.Gemini;
                return true;
            case "anthropic":
                kind = ApiKeyKind.Anthropic;
                return true;
            case "openai":
                kind = ApiKeyKind.OpenAi;
                return true;
            default:
                kind = ApiKeyKind.Gemini;
                return false;
        }
    }

    public static string Name(this ApiKeyKind kind) => kind switch
    {
        ApiKeyKind.Anthropic => "anthropic",
        ApiKeyKind.OpenAi => "openai",
        _ => "gemini",
    };
}

/// <summary>An API key the emulator accepts, with the id the request log and control API show instead of the key.</summary>
internal sealed record RegisteredKey(string Key, ApiKeyKind Kind, string Id);
