using Antigravity.Contracts.Settings;

namespace Antigravity.Gateway.Hosting;

/// <summary>
/// Where the gateway listens. An explicit address (<c>ASPNETCORE_URLS</c> / <c>--urls</c>, set by the
/// AppHost, or Kestrel endpoints in configuration) wins; otherwise <c>http://127.0.0.1:{Proxy:Port}</c>,
/// or <c>0.0.0.0</c> with <c>Proxy:AllowLanAccess=true</c>.
/// </summary>
internal static class ListenAddress
{
    /// <summary>Configures the listening address from the <c>Proxy</c> section unless one is set already.</summary>
    public static WebApplicationBuilder UseProxyListenAddress(this WebApplicationBuilder builder)
    {
        if (From(builder.Configuration) is { } url)
        {
            builder.WebHost.UseUrls(url);
        }
        return builder;
    }

    /// <summary>The URL to bind, or null when the configuration already says where to listen.</summary>
    public static string? From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!string.IsNullOrWhiteSpace(configuration[WebHostDefaults.ServerUrlsKey])
            || !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpPortsKey])
            || !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpsPortsKey])
            || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any())
        {
            return null;
        }
        var options = configuration.GetSection(ProxyHostOptions.Section).Get<ProxyHostOptions>() ?? new ProxyHostOptions();
        // An out-of-range port is reported by ProxyHostOptions validation at start, before any bind.
        return $"http://{options.BindAddress}:{options.Port}";
    }
}
