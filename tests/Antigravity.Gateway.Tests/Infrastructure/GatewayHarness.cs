using Antigravity.Contracts.DataProtection;
using Antigravity.Contracts.Redis;
using Antigravity.Contracts.Settings;
using Antigravity.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Antigravity.Gateway.Tests.Infrastructure;

/// <summary>
/// A real Garnet, a store to change the settings the way the dashboard does, and gateways on top.
/// One per test class (the settings document is per Redis); tests in a class run one after another.
/// </summary>
public sealed class GatewayHarness : IAsyncLifetime
{
    private readonly List<GatewayFactory> _gateways = [];
    private RedisServerProcess? _redis;
    private ConnectionMultiplexer? _client;
    private ServiceProvider? _dataProtection;

    public RedisServerProcess Redis => _redis ?? throw new InvalidOperationException("Not started.");

    public ProxySettingsStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServerProcess.StartAsync(RedisServerKind.Garnet);
        _client = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        // The store encrypts the API key as the dashboard does, with a key ring of its own in this Redis.
        _dataProtection = DataProtectionRegistration.CreateStandaloneServices(_client, keyEncryptionKey: null, createKeys: true);
        Store = new ProxySettingsStore(_client, new RedisDurability(_client, TimeProvider.System, NullLogger<RedisDurability>.Instance), TimeProvider.System, new ProxyApiKeyProtector(_dataProtection.GetRequiredService<IDataProtectionProvider>()));
    }

    private Task<GatewayFactory>? _shared;

    /// <summary>One gateway shared by the tests of a class (started on first use).</summary>
    public Task<GatewayFactory> SharedGatewayAsync() => _shared ??= StartGatewayAsync();

    /// <summary>
    /// Starts a gateway on this Redis and waits until it has loaded the settings; <paramref name="configure"/>
    /// adds settings or services (a fake account pool, a limit) before it starts.
    /// </summary>
    public async Task<GatewayFactory> StartGatewayAsync(
        bool allowLanAccess = false, string? presetApiKey = null, Action<Microsoft.AspNetCore.Hosting.IWebHostBuilder>? configure = null)
    {
        var gateway = new GatewayFactory(Redis.ConnectionString, allowLanAccess, presetApiKey, configure);
        _gateways.Add(gateway);
        _ = gateway.Server; // builds and starts the host
        return await LoadedAsync(gateway);
    }

    /// <summary>
    /// Starts a gateway on real Kestrel (a free loopback port; <c>CreateClient</c> talks to it over TCP), for what
    /// only a real server does: connection limits, HTTP framing errors, slow clients, shutdown.
    /// </summary>
    public async Task<GatewayFactory> StartKestrelGatewayAsync(Action<Microsoft.AspNetCore.Hosting.IWebHostBuilder>? configure = null)
    {
        var gateway = new GatewayFactory(Redis.ConnectionString, configure: configure);
        _gateways.Add(gateway);
        gateway.UseKestrel(FreePort.Next());
        gateway.StartServer();
        return await LoadedAsync(gateway);
    }

    private static async Task<GatewayFactory> LoadedAsync(GatewayFactory gateway)
    {
        var monitor = gateway.Services.GetRequiredService<ProxySettingsMonitor>();
        await monitor.WaitUntilLoadedAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return gateway;
    }

    /// <summary>Changes the settings as the dashboard would and returns the new document.</summary>
    public Task<ProxySettings> SetAsync(Func<ProxySettings, ProxySettings> change) => Store.UpdateAsync(change);

    /// <summary>Waits until <paramref name="gateway"/> runs on revision <paramref name="revision"/> or later.</summary>
    public static Task WaitForRevisionAsync(GatewayFactory gateway, long revision) =>
        Eventually.WaitUntilAsync(
            () => gateway.Services.GetRequiredService<ProxySettingsMonitor>().Current?.Revision >= revision,
            TimeSpan.FromSeconds(5),
            $"the gateway applies settings revision {revision}");

    public async Task DisposeAsync()
    {
        foreach (var gateway in _gateways)
        {
            await gateway.DisposeAsync();
        }
        if (_dataProtection is not null)
        {
            await _dataProtection.DisposeAsync();
        }
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }
}
