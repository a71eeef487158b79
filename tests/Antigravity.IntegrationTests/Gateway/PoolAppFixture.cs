using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Antigravity.AppHost;
using Antigravity.AppHost.Testing;

namespace Antigravity.IntegrationTests.Gateway;

/// <summary>The whole app with the emulator, shared by one test class; accounts are added by the subclass.</summary>
public abstract class PoolAppFixture : IAsyncLifetime
{
    private AntigravityTestApp? _app;

    /// <summary>The running application.</summary>
    public AntigravityTestApp App => _app ?? throw new InvalidOperationException("The application did not start.");

    /// <summary>The refresh tokens of the Antigravity accounts to add.</summary>
    protected abstract IReadOnlyList<string> RefreshTokens { get; }

    /// <summary>Adjusts the application's options (e.g. a gateway setting) before it starts.</summary>
    protected virtual void Configure(AntigravityTestOptions options)
    {
    }

    /// <summary>The account ids the dashboard gave, by refresh token.</summary>
    public Dictionary<string, string> AccountIds { get; } = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        _app = await AntigravityTestApp.StartAsync(options =>
        {
            options.Emulator = true;
            Configure(options);
        });
        var credentials = await _app.ReadCredentialsAsync();
        using var dashboard = _app.CreateHttpClient(AntigravityTopology.DashboardName);
        dashboard.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", credentials.AdminPassword);
        foreach (var token in RefreshTokens)
        {
            using var response = await dashboard.PostAsJsonAsync("/api/accounts", new JsonObject { ["kind"] = "antigravity", ["refreshToken"] = token });
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"adding {token}: {(int)response.StatusCode} {text}");
            AccountIds[token] = JsonNode.Parse(text)!["id"]!.GetValue<string>();
        }
    }

    /// <summary>A client of the gateway.</summary>
    public HttpClient Gateway() => App.CreateHttpClient(AntigravityTopology.GatewayName);

    /// <summary>A client of the dashboard's admin API, signed in with the admin password.</summary>
    public async Task<HttpClient> AdminAsync()
    {
        var credentials = await App.ReadCredentialsAsync();
        var dashboard = App.CreateHttpClient(AntigravityTopology.DashboardName);
        dashboard.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", credentials.AdminPassword);
        return dashboard;
    }

    /// <summary>A client of the emulator's control API.</summary>
    public HttpClient Emulator() => App.CreateHttpClient(AntigravityTopology.EmulatorName);

    /// <summary>Removes every scripted behaviour and the request log.</summary>
    public async Task ResetEmulatorAsync()
    {
        using var emulator = Emulator();
        (await emulator.DeleteAsync("/_emulator/behaviours")).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

/// <summary>Two Antigravity accounts (ultra and pro).</summary>
public sealed class TwoAccountsFixture : PoolAppFixture
{
    protected override IReadOnlyList<string> RefreshTokens => ["emulator-refresh-1", "emulator-refresh-2"];
}

/// <summary>Two Antigravity accounts and a one-second keep-alive, for stream timing tests.</summary>
public sealed class FastKeepAliveFixture : PoolAppFixture
{
    protected override IReadOnlyList<string> RefreshTokens => ["emulator-refresh-1", "emulator-refresh-2"];

    protected override void Configure(AntigravityTestOptions options) =>
        options.ResourceEnvironment[AntigravityTopology.GatewayName] = new() { ["Proxy__KeepAliveSeconds"] = "1" };
}

/// <summary>No accounts at all.</summary>
public sealed class EmptyPoolFixture : PoolAppFixture
{
    protected override IReadOnlyList<string> RefreshTokens => [];
}
