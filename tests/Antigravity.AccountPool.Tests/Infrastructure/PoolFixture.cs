using Antigravity.Testing;
using StackExchange.Redis;

namespace Antigravity.AccountPool.Tests.Infrastructure;

/// <summary>A persistent Garnet and the upstream emulator shared by the service tests (run one at a time).</summary>
public sealed class PoolFixture : IAsyncLifetime
{
    public RedisServerProcess Redis { get; private set; } = null!;

    public EmulatorProcess Emulator { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // With a password, as the AppHost's Garnet: every connection the pool makes must authenticate.
        Redis = await RedisServerProcess.StartAsync(RedisServerKind.Garnet, persistent: true, password: "pool-tests-redis-password");
        Emulator = await EmulatorProcess.StartAsync();
    }

    /// <summary>Empties Redis and resets the emulator, so each test starts from nothing.</summary>
    public async Task ResetAsync()
    {
        await using var client = await ConnectionMultiplexer.ConnectAsync(Redis.ConnectionString + ",allowAdmin=true");
        await client.GetServers()[0].FlushAllDatabasesAsync();
        await Emulator.ResetAsync();
    }

    public PoolApp CreateApp(IReadOnlyDictionary<string, string>? extra = null) => new(Redis.ConnectionString, Emulator.BaseUrl, extra);

    public async Task DisposeAsync()
    {
        await Emulator.DisposeAsync();
        await Redis.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PoolCollection : ICollectionFixture<PoolFixture>
{
    public const string Name = "pool";
}
