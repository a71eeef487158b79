using System.Net;
using Antigravity.Contracts.Monitor;
using Antigravity.Dashboard.Tests.Infrastructure;

namespace Antigravity.Dashboard.Tests.Ui;

/// <summary>The overview page: what a user sees about the pool, the proxy and the traffic, and what to do on an empty pool.</summary>
public sealed class OverviewPageTests(GarnetFixture garnet) : IClassFixture<GarnetFixture>, IAsyncLifetime
{
    private readonly FakeAccountPool _pool = new();
    private SignedInDashboard _ui = null!;

    private HttpClient Browser => _ui.Browser;

    public async Task InitializeAsync()
    {
        await garnet.ResetAsync();
        _ui = await SignedInDashboard.StartAsync(garnet, pool: _pool);
    }

    public async Task DisposeAsync() => await _ui.DisposeAsync();

    [Fact]
    public async Task An_empty_pool_tells_a_new_user_to_add_an_account()
    {
        _pool.AccountsJson = "[]";

        var html = await _ui.PageAsync("/");

        Assert.Contains("data-testid=\"overview-empty\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/accounts\"", html, StringComparison.Ordinal);
        Assert.Contains("No available accounts", html, StringComparison.Ordinal);
        Assert.Contains("none added yet", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_tiles_count_accounts_by_state_and_today_s_traffic()
    {
        var soon = DateTimeOffset.UtcNow.AddHours(2).ToString("O");
        _pool.AccountsJson = $$"""
            [{"id":"a1","kind":"antigravity","email":"one@example.com","enabled":true,"state":{"status":"active"},
              "quota":[{"model":"claude-sonnet-4-6","remainingFraction":0.8},{"model":"gemini-2.5-flash","remainingFraction":0.05,"resetTime":"{{soon}}"}],"cooldowns":[],"createdAt":"2026-01-01T00:00:00Z"},
             {"id":"a2","kind":"antigravity","email":"two@example.com","enabled":true,"state":{"status":"active"},
              "quota":[{"model":"claude-opus-4-6-thinking","remainingFraction":0.4}],"cooldowns":[{"model":"*","until":"{{soon}}","reason":"QUOTA_EXHAUSTED"}],"createdAt":"2026-01-01T00:00:00Z"},
             {"id":"a3","kind":"gemini-api-key","label":"key","enabled":false,"state":{"status":"disabled"},"quota":[],"cooldowns":[],"createdAt":"2026-01-01T00:00:00Z"},
             {"id":"a4","kind":"antigravity","email":"four@example.com","enabled":true,"state":{"status":"invalid_grant","reason":"invalid_grant"},"quota":[],"cooldowns":[],"createdAt":"2026-01-01T00:00:00Z"}]
            """;
        var store = new MonitorStore(garnet.Redis);
        await store.AppendAsync(MonitorRecords.Of(1, input: 1200, output: 300), null, 100);
        await store.AppendAsync(MonitorRecords.Of(2, status: 500, input: 100, output: 0), null, 100);

        var html = WebUtility.HtmlDecode(await _ui.PageAsync("/"));

        Assert.DoesNotContain("data-testid=\"overview-empty\"", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"accounts-serving\">1 <small>of 4 serving</small>", html, StringComparison.Ordinal);
        Assert.Contains("1 cooling down · 1 disabled · 1 need attention", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"rpm\">0.4<", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"error-rate\">50%<", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"tokens-today\">1,600<", html, StringComparison.Ordinal);
        Assert.Contains("Running", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quota_is_averaged_per_family_and_models_under_the_threshold_are_listed()
    {
        var soon = DateTimeOffset.UtcNow.AddHours(2).AddMinutes(5).ToString("O");
        _pool.AccountsJson = $$"""
            [{"id":"a1","kind":"antigravity","email":"one@example.com","enabled":true,"state":{"status":"active"},
              "quota":[{"model":"claude-sonnet-4-6","remainingFraction":0.8},{"model":"gemini-2.5-flash","displayName":"Gemini 2.5 Flash","remainingFraction":0.05,"resetTime":"{{soon}}"}],"cooldowns":[],"createdAt":"2026-01-01T00:00:00Z"},
             {"id":"a2","kind":"antigravity","email":"two@example.com","enabled":true,"state":{"status":"active"},
              "quota":[{"model":"claude-opus-4-6-thinking","remainingFraction":0.4}],"cooldowns":[],"createdAt":"2026-01-01T00:00:00Z"}]
            """;

        var html = WebUtility.HtmlDecode(await _ui.PageAsync("/"));

        Assert.Matches("data-family=\"Claude\">\\s*<div class=\"quota-head\"><span>Claude</span><span class=\"mono\">60%</span>", html);
        Assert.Matches("data-family=\"Gemini Flash\">\\s*<div class=\"quota-head\"><span>Gemini Flash</span><span class=\"mono\">5%</span>", html);
        Assert.Contains("<strong>one@example.com</strong> · Gemini 2.5 Flash", html, StringComparison.Ordinal);
        Assert.Contains("5% · resets in 2 h", html, StringComparison.Ordinal);
        Assert.Contains("protection off · 10%", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_pool_is_said_and_the_rest_of_the_page_still_shows()
    {
        _pool.Reachable = false;

        using var response = await Browser.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("account pool not reachable", html, StringComparison.Ordinal);
        Assert.Contains("The account pool service is not reachable", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"tile-proxy\"", html, StringComparison.Ordinal);
    }

}
