using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Antigravity.AppHost;
using Antigravity.Testing.App;

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
            AccountIds[token] = await AddAccountAsync(dashboard, new JsonObject { ["kind"] = "antigravity", ["refreshToken"] = token });
        }
        await AddMoreAccountsAsync(dashboard);
    }

    /// <summary>Adds accounts other than the Google ones (the emulator's base address is <c>App.GetEndpoint("emulator")</c>).</summary>
    protected virtual Task AddMoreAccountsAsync(HttpClient dashboard) => Task.CompletedTask;

    /// <summary>Adds one account through the dashboard's admin API and returns its id.</summary>
    protected static async Task<string> AddAccountAsync(HttpClient dashboard, JsonObject account)
    {
        using var response = await dashboard.PostAsJsonAsync("/api/accounts", account);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"adding {account["kind"]}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!["id"]!.GetValue<string>();
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

/// <summary>
/// One Google account (ultra) plus an Anthropic-compatible provider serving <c>glm-4.6</c> (and, by its own
/// mapping, <c>claude-haiku-4-5</c>) and an OpenAI-compatible provider serving <c>deepseek-chat</c>.
/// </summary>
public sealed class ProviderAccountsFixture : PoolAppFixture
{
    protected override IReadOnlyList<string> RefreshTokens => ["emulator-refresh-1"];

    /// <summary>The Anthropic-compatible account's id.</summary>
    public string AnthropicProviderId { get; private set; } = "";

    /// <summary>The OpenAI-compatible account's id.</summary>
    public string OpenAiProviderId { get; private set; } = "";

    protected override async Task AddMoreAccountsAsync(HttpClient dashboard)
    {
        var emulator = App.GetEndpoint(AntigravityTopology.EmulatorName).ToString().TrimEnd('/');
        AnthropicProviderId = await AddAccountAsync(dashboard, new JsonObject
        {
            ["kind"] = "anthropic-compatible",
            ["label"] = "z.ai (emulated)",
            ["apiKey"] = "emulator-anthropic-key",
            ["baseUrl"] = emulator + "/anthropic",
            ["models"] = new JsonArray("glm-4.6"),
            ["modelMapping"] = new JsonObject { ["claude-haiku-4-5"] = "glm-4.6" },
        });
        OpenAiProviderId = await AddAccountAsync(dashboard, new JsonObject
        {
            ["kind"] = "openai-compatible",
            ["label"] = "DeepSeek (emulated)",
            ["apiKey"] = "emulator-openai-key",
            ["baseUrl"] = emulator + "/openai/v1",
            ["models"] = new JsonArray("deepseek-chat"),
        });
    }
}

/// <summary>Only a Gemini API key account: the second Google account kind, on its own.</summary>
public sealed class GeminiKeyFixture : PoolAppFixture
{
    protected override IReadOnlyList<string> RefreshTokens => [];

    /// <summary>The key account's id.</summary>
    public string KeyAccountId { get; private set; } = "";

    protected override async Task AddMoreAccountsAsync(HttpClient dashboard) =>
        KeyAccountId = await AddAccountAsync(dashboard, new JsonObject { ["kind"] = "gemini-api-key", ["apiKey"] = "emulator-gemini-key" });
}

/// <summary>No accounts at all.</summary>
public sealed class EmptyPoolFixture : PoolAppFixture
{
    protected override IReadOnlyList<string> RefreshTokens => [];
}

/// <summary>
/// One Antigravity account behind three gateway replicas, with the Aspire dashboard running so that the
/// test can read the traces it collected.
/// </summary>
public sealed class ReplicatedTracedFixture : PoolAppFixture
{
    protected override IReadOnlyList<string> RefreshTokens => ["emulator-refresh-1"];

    protected override void Configure(AntigravityTestOptions options)
    {
        options.GatewayReplicas = 3;
        options.AspireDashboard = true;
    }
}
