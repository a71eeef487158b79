using Antigravity.Contracts.Settings;

namespace Antigravity.Dashboard.ProxyConfig;

/// <summary>A validated change to the proxy settings; null members stay as they are.</summary>
internal sealed record ProxyConfigChange(ProxyAuthMode? AuthMode = null, string? ApiKey = null, bool? Enabled = null)
{
    public bool IsEmpty => AuthMode is null && ApiKey is null && Enabled is null;

    public ProxySettings ApplyTo(ProxySettings settings) => settings with
    {
        AuthMode = AuthMode ?? settings.AuthMode,
        ApiKey = ApiKey ?? settings.ApiKey,
        Enabled = Enabled ?? settings.Enabled,
    };
}

/// <summary>A value that was refused, and the field it belongs to.</summary>
internal sealed record FieldError(string? Field, string Message);
