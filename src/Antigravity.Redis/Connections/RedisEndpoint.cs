using System.Globalization;

namespace Antigravity.Redis.Connections;

/// <summary>How an endpoint is named in messages and logs: host and port only, never credentials.</summary>
internal static class RedisEndpoint
{
    public static string Describe(RedisConnectionOptions options) =>
        options.Host.Contains(':', StringComparison.Ordinal)
            ? $"[{options.Host}]:{options.Port.ToString(CultureInfo.InvariantCulture)}"
            : $"{options.Host}:{options.Port.ToString(CultureInfo.InvariantCulture)}";
}
