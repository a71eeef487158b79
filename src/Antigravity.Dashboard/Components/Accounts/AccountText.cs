using Antigravity.Contracts.Accounts;
using Antigravity.Dashboard.Accounts;

namespace Antigravity.Dashboard.Components.Accounts;

/// <summary>How an account's kind and state read on the Accounts page.</summary>
internal static class AccountText
{
    /// <summary>The kind as people call it.</summary>
    public static string Kind(string kind) => kind switch
    {
        AccountKinds.Antigravity => "Google (Antigravity)",
        AccountKinds.GeminiApiKey => "Gemini API key",
        AccountKinds.AnthropicCompatible => "Anthropic-compatible",
        AccountKinds.OpenAiCompatible => "OpenAI-compatible",
        _ => kind,
    };

    /// <summary>The state badge: its text and class.</summary>
    public static (string Text, string Class) State(AccountView account, DateTimeOffset now) => AccountConditions.Of(account, now) switch
    {
        AccountCondition.Serving => ("active", "badge-success"),
        AccountCondition.Cooling => ("cooling down", "badge-warn"),
        AccountCondition.Disabled => ("disabled", "badge-muted"),
        AccountCondition.Forbidden => ("forbidden", "badge-danger"),
        AccountCondition.ValidationRequired => ("verification needed", "badge-warn"),
        AccountCondition.InvalidGrant => ("sign-in expired", "badge-danger"),
        _ => (account.State.Status, "badge-muted"),
    };

    /// <summary>What the user should know or do about the state, when there is something.</summary>
    public static string? Advice(AccountView account) => account.State.Status switch
    {
        AccountStates.InvalidGrant => "Google refused the refresh token: delete this account and sign in again.",
        AccountStates.ValidationRequired => "Google asks you to verify this account before it serves again.",
        AccountStates.Forbidden => "The upstream answered 403 for this account. Enable it again once the cause is fixed.",
        _ => null,
    };
}
