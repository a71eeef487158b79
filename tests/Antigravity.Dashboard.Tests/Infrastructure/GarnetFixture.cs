using Antigravity.Contracts.DataProtection;
using Antigravity.Contracts.Redis;
using Antigravity.Contracts.Settings;
using Antigravity.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Antigravity.Dashboard.Tests.Infrastructure;

/// <summary>
/// A throwaway Garnet for one test class, plus a client of its own to look at what the dashboard stored.
/// The dashboard's keys have fixed names, so every test starts with <see cref="ResetAsync"/>.
/// </summary>
public sealed class GarnetFixture : IAsyncLifetime
{
    private RedisServerProcess? _server;
    private ConnectionMultiplexer? _client;
    private readonly List<ServiceProvider> _services = [];

    public string ConnectionString => Server.ConnectionString;

    public RedisServerProcess Server => _server ?? throw new InvalidOperationException("Garnet is not started.");

    public IConnectionMultiplexer Redis => _client ?? throw new InvalidOperationException("Garnet is not started.");

    /// <summary>
    /// The settings store as another service would use it, to read back what the dashboard changed (and decrypt the
    /// API key with the key ring the dashboard keeps in this Redis). A fresh one each time: a reset empties the ring.
    /// </summary>
    public ProxySettingsStore Store
    {
        get
        {
            var services = DataProtectionRegistration.CreateStandaloneServices(Redis, keyEncryptionKey: null, createKeys: true);
            _services.Add(services);
            return new ProxySettingsStore(Redis, new RedisDurability(Redis, TimeProvider.System, NullLogger<RedisDurability>.Instance), TimeProvider.System, new ProxyApiKeyProtector(services.GetRequiredService<IDataProtectionProvider>()));
        }
    }

    /// <summary>The API key stored now, decrypted.</summary>
    public async Task<string?> StoredApiKeyAsync()
    {
        var store = Store;
        return await store.GetAsync() is { } settings ? store.RevealApiKey(settings) : null;
    }

    public async Task InitializeAsync()
    {
        _server = await RedisServerProcess.StartAsync(RedisServerKind.Garnet);
        _client = await ConnectionMultiplexer.ConnectAsync(_server.ConnectionString + ",allowAdmin=true");
    }

    /// <summary>Empties the server so a test starts from a first start.</summary>
    public Task ResetAsync() => Redis.GetServers()[0].FlushAllDatabasesAsync();

    public async Task DisposeAsync()
    {
        foreach (var services in _services)
        {
            await services.DisposeAsync();
        }
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
