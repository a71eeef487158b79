namespace Antigravity.Contracts.Settings;

/// <summary>Which requests the proxy's API key guards.</summary>
public enum ProxyAuthMode
{
    /// <summary>No request needs the key.</summary>
    Off,

    /// <summary>Every request needs the key, <c>/healthz</c> included.</summary>
    Strict,

    /// <summary>Every request but the health probes needs the key.</summary>
    AllExceptHealth,

    /// <summary><see cref="AllExceptHealth"/> when LAN access is on, else <see cref="Off"/>.</summary>
    Auto,
}

/// <summary>Wire spelling and resolution of <see cref="ProxyAuthMode"/>.</summary>
public static class ProxyAuthModes
{
    /// <summary>The accepted spellings, in the order they are documented.</summary>
    public static readonly IReadOnlyList<string> AllowedValues = ["off", "strict", "all_except_health", "auto"];

    /// <summary>The wire spelling: <c>off</c>, <c>strict</c>, <c>all_except_health</c>, <c>auto</c>.</summary>
    public static string ToWire(this ProxyAuthMode mode) => mode switch
    {
        ProxyAuthMode.Off => "off",
        ProxyAuthMode.Strict => "strict",
        ProxyAuthMode.AllExceptHealth => "all_except_health",
        ProxyAuthMode.Auto => "auto",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    /// <summary>Parses a wire spelling (case-insensitive); false for anything else.</summary>
    public static bool TryParse(string? value, out ProxyAuthMode mode)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case "off": mode = ProxyAuthMode.Off; return true;
            case "strict": mode = ProxyAuthMode.Strict; return true;
            case "all_except_health": mode = ProxyAuthMode.AllExceptHealth; return true;
            case "auto": mode = ProxyAuthMode.Auto; return true;
            default: mode = default; return false;
        }
    }

    /// <summary>The mode actually enforced: <c>auto</c> resolves by LAN access, the others are themselves.</summary>
    public static ProxyAuthMode Effective(this ProxyAuthMode mode, bool allowLanAccess) =>
        mode == ProxyAuthMode.Auto
            ? allowLanAccess ? ProxyAuthMode.AllExceptHealth : ProxyAuthMode.Off
            : mode;

    /// <summary>One sentence explaining the effective mode, for the dashboard and the config API.</summary>
    public static string Explain(this ProxyAuthMode mode, bool allowLanAccess) => (mode, mode.Effective(allowLanAccess)) switch
    {
        (ProxyAuthMode.Auto, ProxyAuthMode.Off) => "auto resolves to off because LAN access is off: only this machine can reach the proxy, so no key is needed.",
        (ProxyAuthMode.Auto, _) => "auto resolves to all_except_health because LAN access is on: every request but /healthz needs the API key.",
        (_, ProxyAuthMode.Off) => "off: no request needs the API key.",
        (_, ProxyAuthMode.Strict) => "strict: every request needs the API key, /healthz included.",
        _ => "all_except_health: every request but /healthz needs the API key.",
    };
}
