using Antigravity.Contracts.Accounts;
using Antigravity.Contracts.Settings;

namespace Antigravity.Gateway.Upstream;

/// <summary>
/// Which account kinds may serve a call. Every route may use every kind (the pool leases only accounts that
/// serve the model: Google accounts by their quota models, provider accounts by their model list and mapping);
/// Anthropic Messages and its <c>count_tokens</c> follow <see cref="ProxySettings.AnthropicDispatch"/>.
/// </summary>
internal static class AccountDispatch
{
    /// <summary>Every kind the gateway can call.</summary>
    public static readonly IReadOnlyList<string> AllKinds =
        [AccountKinds.Antigravity, AccountKinds.GeminiApiKey, AccountKinds.AnthropicCompatible, AccountKinds.OpenAiCompatible];

    /// <summary>The Google pool.</summary>
    public static readonly IReadOnlyList<string> GoogleKinds = [AccountKinds.Antigravity, AccountKinds.GeminiApiKey];

    /// <summary>Anthropic-compatible providers only.</summary>
    public static readonly IReadOnlyList<string> AnthropicProviders = [AccountKinds.AnthropicCompatible];

    /// <summary>Kinds that can count tokens upstream (OpenAI-compatible APIs have no count endpoint).</summary>
    public static readonly IReadOnlyList<string> CountingKinds = [AccountKinds.Antigravity, AccountKinds.GeminiApiKey, AccountKinds.AnthropicCompatible];

    /// <summary>The kinds (and fallback kinds) for an Anthropic Messages call under <paramref name="mode"/>.</summary>
    public static (IReadOnlyList<string> Kinds, IReadOnlyList<string>? Fallback) ForAnthropic(string? mode) => mode switch
    {
        AnthropicDispatchModes.Exclusive => (AnthropicProviders, null),
        AnthropicDispatchModes.Pooled => ([.. GoogleKinds, AccountKinds.AnthropicCompatible], null),
        AnthropicDispatchModes.Fallback => (GoogleKinds, AnthropicProviders),
        _ => (GoogleKinds, null),
    };
}
