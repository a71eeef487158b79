using Antigravity.Gateway.Upstream;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Antigravity.Gateway.Hosting;

/// <summary>
/// Kestrel's limits from <see cref="GatewayLimitsOptions"/> and <see cref="UpstreamOptions.MaxRequestBodyBytes"/>,
/// and the host's shutdown timeout from the drain setting: the same figures the documentation gives.
/// </summary>
internal static class ServerLimits
{
    /// <summary>Binds and validates the limits and applies them to Kestrel and the host.</summary>
    public static WebApplicationBuilder AddServerLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<GatewayLimitsOptions>().BindConfiguration(GatewayLimitsOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<GatewayLimitsOptions>, ValidateGatewayLimitsOptions>();
        builder.Services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<GatewayLimitsOptions>, IOptions<UpstreamOptions>>((kestrel, limits, upstream) => Apply(kestrel, limits.Value, upstream.Value));
        builder.Services.AddOptions<HostOptions>()
            .Configure<IOptions<GatewayLimitsOptions>>((host, limits) =>
                // The drain, then a few seconds for the error events and the monitor's last records.
                host.ShutdownTimeout = TimeSpan.FromSeconds(limits.Value.ShutdownDrainSeconds + 5));
        return builder;
    }

    private static void Apply(KestrelServerOptions kestrel, GatewayLimitsOptions limits, UpstreamOptions upstream)
    {
        kestrel.AddServerHeader = false;
        kestrel.Limits.MaxRequestBodySize = upstream.MaxRequestBodyBytes;
        kestrel.Limits.MaxRequestHeadersTotalSize = limits.MaxRequestHeadersBytes;
        kestrel.Limits.MaxConcurrentConnections = limits.MaxConnections;
        kestrel.Limits.MaxConcurrentUpgradedConnections = limits.MaxConnections;
        kestrel.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(limits.KeepAliveTimeoutSeconds);
        kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(limits.RequestHeadersTimeoutSeconds);
        kestrel.Limits.MinRequestBodyDataRate = limits.MinRequestBodyBytesPerSecond <= 0
            ? null
            : new MinDataRate(limits.MinRequestBodyBytesPerSecond, TimeSpan.FromSeconds(5));
    }
}
