using Antigravity.Contracts.Settings;

namespace Antigravity.Dashboard.ProxyConfig;

/// <summary>A validated change to the proxy settings; null members stay as they are.</summary>
internal sealed record ProxyConfigChange(ProxyAuthMode? AuthMode = null, string? ApiKey = null, bool? Enabled = null)
{
    /// <summary>A replacement custom model mapping.</summary>
    public IReadOnlyDictionary<string, string>? ModelMapping { get; init; }

    /// <summary>A new <see cref="AnthropicDispatchModes"/> value.</summary>
    public string? AnthropicDispatch { get; init; }

    /// <summary>The scheduling fields the change sets, applied over the stored ones.</summary>
    public Func<SchedulingSettings, SchedulingSettings>? Scheduling { get; init; }

    /// <summary>The monitor fields the change sets, applied over the stored ones.</summary>
    public Func<MonitorSettings, MonitorSettings>? Monitor { get; init; }

    public bool IsEmpty => AuthMode is null && ApiKey is null && Enabled is null
        && ModelMapping is null && AnthropicDispatch is null && Scheduling is null && Monitor is null;

    public ProxySettings ApplyTo(ProxySettings settings) => settings with
    {
        AuthMode = AuthMode ?? settings.AuthMode,
        ApiKey = ApiKey is null ? settings.ApiKey : ProxyApiKey.FromPlaintext(ApiKey),
        Enabled = Enabled ?? settings.Enabled,
        ModelMapping = ModelMapping ?? settings.ModelMapping,
        AnthropicDispatch = AnthropicDispatch ?? settings.AnthropicDispatch,
        Scheduling = Scheduling is null ? settings.Scheduling : Scheduling(settings.Scheduling),
        Monitor = Monitor is null ? settings.Monitor : Monitor(settings.Monitor),
    };
}

/// <summary>A value that was refused, and the field it belongs to.</summary>
internal sealed record FieldError(string? Field, string Message);
