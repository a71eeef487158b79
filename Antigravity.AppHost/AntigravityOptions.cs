namespace Antigravity.AppHost;

/// <summary>Which Redis the application uses.</summary>
public enum RedisKind
{
    /// <summary>Microsoft Garnet from the repository's local tool (the default).</summary>
    Garnet,

    /// <summary>Debian's <c>redis-server</c>.</summary>
    RedisServer,

    /// <summary>An existing server given by connection string; none is started.</summary>
    External,
}

/// <summary>What the Antigravity application is started with (command line, environment or appsettings.json).</summary>
public sealed record AntigravityOptions
{
    /// <summary>Default gateway port.</summary>
    public const int DefaultPort = 8045;

    /// <summary>Default dashboard port.</summary>
    public const int DefaultDashboardPort = 8046;

    /// <summary>Default port of the Aspire dashboard (its OTLP receiver and resource service take the next two).</summary>
    public const int DefaultAspireDashboardPort = 18888;

    /// <summary>Gateway port; 0 picks a free one.</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>Dashboard port; 0 picks a free one.</summary>
    public int DashboardPort { get; init; } = DefaultDashboardPort;

    /// <summary>Aspire dashboard port; 0 picks free ones for it, its OTLP receiver and its resource service.</summary>
    public int AspireDashboardPort { get; init; } = DefaultAspireDashboardPort;

    /// <summary>How many gateway processes serve the gateway port (more than one puts a proxy in front).</summary>
    public int GatewayReplicas { get; init; } = 1;

    /// <summary>The gateway listens on 0.0.0.0 instead of 127.0.0.1.</summary>
    public bool AllowLan { get; init; }

    /// <summary>Where Redis keeps its files.</summary>
    public string DataDirectory { get; init; } = DefaultDataDirectory;

    /// <summary><c>garnet</c>, <c>redis-server</c>, or a connection string of an existing Redis.</summary>
    public string Redis { get; init; } = "garnet";

    /// <summary>Start the upstream emulator and point every upstream URL at it.</summary>
    public bool Emulator { get; init; }

    /// <summary><c>~/.antigravity-gateway</c>.</summary>
    public static string DefaultDataDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".antigravity-gateway");

    /// <summary>Which Redis <see cref="Redis"/> names.</summary>
    public RedisKind RedisKind => Redis.Trim().ToLowerInvariant() switch
    {
        "garnet" or "" => RedisKind.Garnet,
        "redis-server" => RedisKind.RedisServer,
        _ => RedisKind.External,
    };
}
