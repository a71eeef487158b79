using Antigravity.AppHost.Hosting;

namespace Antigravity.AppHost;

/// <summary>What the Antigravity topology is started with (from the command line or the test entry point).</summary>
public sealed record AntigravityOptions
{
    /// <summary>Default gateway port.</summary>
    public const int DefaultPort = 8045;

    /// <summary>Default dashboard port.</summary>
    public const int DefaultDashboardPort = 8046;

    /// <summary>Gateway port; 0 picks a free one.</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>Dashboard port; 0 picks a free one.</summary>
    public int DashboardPort { get; init; } = DefaultDashboardPort;

    /// <summary>The gateway listens on 0.0.0.0 instead of 127.0.0.1.</summary>
    public bool AllowLan { get; init; }

    /// <summary>Where Redis keeps its files.</summary>
    public string DataDirectory { get; init; } = DefaultDataDirectory;

    /// <summary><c>garnet</c>, <c>redis-server</c>, or a connection string of an existing Redis.</summary>
    public string Redis { get; init; } = "garnet";

    /// <summary>Start the upstream emulator and point every upstream URL at it.</summary>
    public bool Emulator { get; init; }

    /// <summary>Extra environment per resource name (tests); a null value removes the variable.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string?>> ResourceEnvironment { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string?>>();

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
