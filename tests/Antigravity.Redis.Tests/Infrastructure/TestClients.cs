using Antigravity.Testing;

namespace Antigravity.Redis.Tests.Infrastructure;

internal static class TestClients
{
    public static Task<RedisClient> ConnectAsync(RedisServerProcess server, Func<RedisConnectionOptions, RedisConnectionOptions>? configure = null)
    {
        var options = RedisConnectionOptions.Parse(server.ConnectionString) with { AbortConnect = true };
        return RedisClient.ConnectAsync(configure is null ? options : configure(options));
    }

    public static string UniqueKey(string name) => $"test:{name}:{Guid.NewGuid():N}";
}
