using Antigravity.Redis;
using Antigravity.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Antigravity.AccountPool.Tests.Infrastructure;

/// <summary>A persistent Garnet and the upstream emulator shared by the service tests (run one at a time).</summary>
public sealed class PoolFixture : IAsyncLifetime
{
    public RedisServerProcess Redis { get; private set; } = null!;

    public EmulatorProcess Emulator { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Redis = await RedisServerProcess.StartAsync(RedisServerKind.Garnet, persistent: true);
        Emulator = await EmulatorProcess.StartAsync();
    }

    /// <summary>Empties Redis and resets the emulator, so each test starts from nothing.</summary>
    public async Task ResetAsync()
    {
        await using var client = RedisClient.Create(RedisConnectionOptions.Parse(Redis.ConnectionString), NullLogger<RedisClient>.Instance);
        await Eventually.WaitUntilAsync(() => client.IsConnected, TimeSpan.FromSeconds(10), "the Redis client connects");
        await client.ExecuteAsync("FLUSHALL", []);
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
