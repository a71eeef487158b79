using Microsoft.Extensions.Options;

namespace Antigravity.Contracts.Settings;

/// <summary>
/// Start-up options of the proxy (section <c>Proxy</c>): where the gateway listens. The AppHost passes
/// the same values to the gateway and the dashboard; changing them needs a restart.
/// </summary>
public sealed class ProxyHostOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Proxy";

    /// <summary>Gateway port (<c>Proxy:Port</c>, default 8045).</summary>
    public int Port { get; set; } = 8045;

    /// <summary>Bind 0.0.0.0 instead of 127.0.0.1 (<c>Proxy:AllowLanAccess</c>, default false).</summary>
    public bool AllowLanAccess { get; set; }

    /// <summary>
    /// Key used on the very first start instead of a generated one (<c>Proxy:ApiKey</c>).
    /// Once a key is stored, it is changed only through the dashboard or admin API.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>The address the gateway binds.</summary>
    public string BindAddress => AllowLanAccess ? "0.0.0.0" : "127.0.0.1";
}

/// <summary>Says which <see cref="ProxyHostOptions"/> value is wrong.</summary>
public sealed class ValidateProxyHostOptions : IValidateOptions<ProxyHostOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ProxyHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [];
        if (options.Port is < 1 or > 65535)
        {
            failures.Add($"Proxy:Port must be between 1 and 65535 (got {options.Port}).");
        }
        if (options.ApiKey is { Length: > 0 } key && ApiKeys.Validate(key) is { } reason)
        {
            failures.Add($"Proxy:ApiKey is not usable: {reason}");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
