namespace Antigravity.Contracts.Settings;

/// <summary>
/// How <c>/v1/messages</c> and <c>count_tokens</c> choose between the Google pool and the
/// <c>anthropic-compatible</c> accounts (z.ai and other Anthropic-style providers).
/// </summary>
public static class AnthropicDispatchModes
{
    /// <summary>Anthropic-compatible accounts never serve Anthropic requests (they still serve their own models elsewhere).</summary>
    public const string Off = "off";

    /// <summary>Anthropic requests always go to an Anthropic-compatible account.</summary>
    public const string Exclusive = "exclusive";

    /// <summary>Anthropic-compatible accounts are one more slot in the rotation.</summary>
    public const string Pooled = "pooled";

    /// <summary>Anthropic-compatible accounts serve only when no Google account can.</summary>
    public const string Fallback = "fallback";

    /// <summary>Every accepted spelling, in the order the UI lists them.</summary>
    public static readonly IReadOnlyList<string> All = [Off, Exclusive, Pooled, Fallback];

    /// <summary>Null when <paramref name="mode"/> is accepted, else the sentence that says why not.</summary>
    public static string? Validate(string? mode) =>
        mode is not null && All.Contains(mode)
            ? null
            : $"anthropicDispatch must be one of {string.Join(", ", All)} (got {(mode is null ? "null" : $"\"{mode}\"")}).";
}
