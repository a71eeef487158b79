namespace Antigravity.Contracts.Accounts;

/// <summary>The kinds of upstream account the pool holds, in their wire spelling.</summary>
public static class AccountKinds
{
    /// <summary>A Google account used through the Cloud Code (<c>v1internal</c>) API with an OAuth refresh token.</summary>
    public const string Antigravity = "antigravity";

    /// <summary>A Gemini API key (<c>generativelanguage.googleapis.com</c>).</summary>
    public const string GeminiApiKey = "gemini-api-key";

    /// <summary>An Anthropic Messages API compatible provider (base URL + key + models), e.g. z.ai.</summary>
    public const string AnthropicCompatible = "anthropic-compatible";

    /// <summary>An OpenAI Chat Completions compatible provider (base URL + key + models).</summary>
    public const string OpenAiCompatible = "openai-compatible";

    /// <summary>Every kind, in the order they are documented.</summary>
    public static readonly IReadOnlyList<string> All = [Antigravity, GeminiApiKey, AnthropicCompatible, OpenAiCompatible];

    /// <summary>True for a known kind (exact spelling).</summary>
    public static bool IsKnown(string? kind) => kind is Antigravity or GeminiApiKey or AnthropicCompatible or OpenAiCompatible;
}
