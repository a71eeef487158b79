using Antigravity.Contracts.Settings;

namespace Antigravity.Gateway.Auth;

/// <summary>What the auth check concluded.</summary>
internal enum AuthVerdict
{
    /// <summary>Let the request through (not guarded, or the key matched).</summary>
    Allow,

    /// <summary>Guarded, and no key header was sent.</summary>
    MissingKey,

    /// <summary>Guarded, and the first key present did not match.</summary>
    WrongKey,

    /// <summary>Guarded, but the proxy has no API key configured: nothing can match.</summary>
    KeyNotConfigured,
}

/// <summary>The outcome of <see cref="ProxyAuthPolicy.Decide"/>.</summary>
/// <param name="Verdict">Allow or why not.</param>
/// <param name="EffectiveMode">The auth mode actually enforced.</param>
/// <param name="Key">The key that was read, if any (never shown).</param>
internal sealed record AuthDecision(AuthVerdict Verdict, ProxyAuthMode EffectiveMode, PresentedApiKey? Key)
{
    /// <summary>True when the request may proceed.</summary>
    public bool IsAllowed => Verdict == AuthVerdict.Allow;

    /// <summary>
    /// The sentence sent to a refused client: which header was read and that its key did not match,
    /// or how to send one. Never contains the key.
    /// </summary>
    public string RefusalMessage => Verdict switch
    {
        AuthVerdict.MissingKey =>
            $"Missing API key: this proxy requires one (auth mode {EffectiveMode.ToWire()}). "
            + "Send it as 'Authorization: Bearer <key>', 'x-api-key: <key>' or 'x-goog-api-key: <key>'.",
        AuthVerdict.WrongKey => WrongKeyMessage(Key!),
        AuthVerdict.KeyNotConfigured =>
            "The proxy requires an API key but none is configured, so every request is refused. "
            + "Set or regenerate the API key in the dashboard (API Proxy settings).",
        _ => "",
    };

    private static string WrongKeyMessage(PresentedApiKey key)
    {
        var message = key.Value.Length == 0
            ? $"Invalid API key: {key.Source.Describe()} was present but empty, and did not match the proxy's API key."
            : $"Invalid API key: the key read from {key.Source.Describe()} did not match the proxy's API key.";
        if (key.BearerWithoutSpace)
        {
            message += " The value starts with 'Bearer' without a space after it; send 'Authorization: Bearer <key>'.";
        }
        if (key.Source != ApiKeySource.KeyQueryParameter)
        {
            message += " Headers are read in the order Authorization, x-api-key, x-goog-api-key and the first one present decides; send only the one that holds the proxy's key.";
        }
        return message;
    }
}
