using Antigravity.Testing;

namespace Antigravity.Redis.Tests.Infrastructure;

internal static class TestClients
{
    public static Task<RedisClient> ConnectAsync(RedisServerProcess server, Func<RedisConnectionOptions, RedisConnectionOptions>? configure = null)
    {
        // A generous command timeout: CI runs several test projects at once on two cores.
        var options = RedisConnectionOptions.Parse(server.ConnectionString) with { AbortConnect = true, CommandTimeout = TimeSpan.FromSeconds(30) };
        return RedisClient.ConnectAsync(configure is null ? options : configure(options));
    }

    public static string UniqueKey(string name) => $"test:{name}:{Guid.NewGuid():N}";
}
