using Antigravity.AppHost;

namespace Antigravity.Testing.App;

/// <summary>How <see cref="AntigravityTestApp"/> starts the application.</summary>
public sealed class AntigravityTestOptions
{
    /// <summary>Garnet (default) or redis-server, started on a free port; or <see cref="RedisKind.External"/> with <see cref="RedisConnectionString"/>.</summary>
    public RedisKind Redis { get; set; } = RedisKind.Garnet;

    /// <summary>Connection string of an existing Redis when <see cref="Redis"/> is <see cref="RedisKind.External"/>.</summary>
    public string? RedisConnectionString { get; set; }

    /// <summary>Also start the upstream emulator and point every upstream URL at it.</summary>
    public bool Emulator { get; set; }

    /// <summary>Bind the gateway on 0.0.0.0.</summary>
    public bool AllowLan { get; set; }

    /// <summary>Gateway processes behind the gateway port (<c>--gateway-replicas</c>).</summary>
    public int GatewayReplicas { get; set; } = 1;

    /// <summary>Run the Aspire dashboard too (on free ports), with <see cref="AntigravityTestApp.AspireDashboardApiKey"/> for its telemetry API.</summary>
    public bool AspireDashboard { get; set; }

    /// <summary>
    /// Data directory to use and keep (to restart on the same data); null means a fresh temporary
    /// directory deleted on dispose.
    /// </summary>
    public string? DataDirectory { get; set; }

    /// <summary>Environment for every service (accountpool, gateway, dashboard, emulator); a null value removes it.</summary>
    public Dictionary<string, string?> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>Environment for one resource, by name; wins over <see cref="Environment"/>.</summary>
    public Dictionary<string, Dictionary<string, string?>> ResourceEnvironment { get; } = new(StringComparer.Ordinal);

    /// <summary>How long the whole application may take to become healthy.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(150);
}
