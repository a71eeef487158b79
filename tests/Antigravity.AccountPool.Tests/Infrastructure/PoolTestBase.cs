using System.Net;
using Antigravity.Contracts.Accounts;
using Antigravity.Contracts.Leasing;
using Antigravity.Contracts.Settings;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Antigravity.AccountPool.Tests.Infrastructure;

/// <summary>Starts each test from an empty Redis and a reset emulator, with one pool replica ready.</summary>
[Collection(PoolCollection.Name)]
public abstract class PoolTestBase(PoolFixture fixture) : IAsyncLifetime
{
    private readonly List<PoolApp> _apps = [];

    protected PoolFixture Fixture { get; } = fixture;

    protected PoolApp App { get; private set; } = null!;

    protected AccountPoolClient Pool { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        await Fixture.ResetAsync();
        App = StartApp();
        Pool = App.PoolClient;
    }

    public virtual async Task DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }
    }

    protected PoolApp StartApp(IReadOnlyDictionary<string, string>? extra = null)
    {
        var app = Fixture.CreateApp(extra);
        _apps.Add(app);
        _ = app.Server; // start it now
        return app;
    }

    protected IDatabase Redis => App.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();

    protected async Task<AccountView> AddAsync(AddAccountRequest request)
    {
        var answer = await Pool.AddAccountAsync(request);
        Assert.True(answer.StatusCode == HttpStatusCode.Created, $"adding failed: {(int)answer.StatusCode} {answer.Error?.Error}");
        return answer.Value!;
    }

    protected Task<AccountView> AddGoogleAsync(string refreshToken) =>
        AddAsync(new AddAccountRequest { Kind = AccountKinds.Antigravity, RefreshToken = refreshToken });

    protected Task<AccountView> AddGeminiKeyAsync(string key, string? label = null) =>
        AddAsync(new AddAccountRequest { Kind = AccountKinds.GeminiApiKey, ApiKey = key, Label = label });

    protected async Task<AccountLease> LeaseAsync(string model, string? session = null, AccountPoolClient? client = null, IReadOnlyList<string>? exclude = null)
    {
        var result = await (client ?? Pool).LeaseAsync(new LeaseRequest { Model = model, SessionKey = session, ExcludeAccountIds = exclude });
        Assert.True(result.IsLeased, $"lease refused: {(int)result.StatusCode} {result.Refusal?.Error}");
        return result.Lease!;
    }

    protected async Task<AccountView> ViewAsync(string id) => (await Pool.GetAccountAsync(id)).Value!;

    /// <summary>Changes the scheduling settings and makes every running replica see them at once.</summary>
    protected async Task SetSchedulingAsync(Func<SchedulingSettings, SchedulingSettings> change)
    {
        await App.Services.GetRequiredService<ProxySettingsStore>().UpdateAsync(s => s with { Scheduling = change(s.Scheduling) });
        foreach (var app in _apps)
        {
            await app.Services.GetRequiredService<ProxySettingsMonitor>().RefreshAsync();
        }
    }
}
