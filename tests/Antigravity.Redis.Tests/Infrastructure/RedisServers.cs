using Antigravity.Testing;

namespace Antigravity.Redis.Tests.Infrastructure;

/// <summary>
/// One shared Garnet and one shared redis-server for the tests that do not stop their server, started on first
/// use. Tests isolate themselves with unique key names.
/// </summary>
public sealed class RedisServers : IAsyncLifetime
{
    private readonly Dictionary<RedisServerKind, Task<RedisServerProcess>> _servers = [];
    private readonly Lock _gate = new();

    /// <summary>Both kinds, for <c>[MemberData]</c>: every server-facing test runs against each.</summary>
    public static TheoryData<RedisServerKind> Kinds => new() { RedisServerKind.Garnet, RedisServerKind.RedisServer };

    public Task<RedisServerProcess> GetAsync(RedisServerKind kind)
    {
        lock (_gate)
        {
            if (!_servers.TryGetValue(kind, out var server))
            {
                _servers[kind] = server = RedisServerProcess.StartAsync(kind);
            }
            return server;
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var server in _servers.Values)
        {
            if (server.IsCompletedSuccessfully)
            {
                await server.Result.DisposeAsync();
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SharedServersCollection : ICollectionFixture<RedisServers>
{
    public const string Name = "shared redis servers";
}
