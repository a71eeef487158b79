using System.Net;
using System.Text.RegularExpressions;
using Antigravity.Contracts.Monitor;
using Antigravity.Dashboard.Tests.Infrastructure;

namespace Antigravity.Dashboard.Tests.Ui;

/// <summary>The Statistics page charts the gateway's aggregates by model and by account.</summary>
public sealed partial class StatisticsPageTests(GarnetFixture garnet) : IClassFixture<GarnetFixture>, IAsyncLifetime
{
    private SignedInDashboard _ui = null!;

    private HttpClient Browser => _ui.Browser;

    public async Task InitializeAsync()
    {
        await garnet.ResetAsync();
        _ui = await SignedInDashboard.StartAsync(garnet);
    }

    public async Task DisposeAsync() => await _ui.DisposeAsync();

    [Fact]
    public async Task Without_requests_the_page_says_what_will_appear()
    {
        var html = await _ui.PageAsync("/statistics");

        Assert.Contains("data-testid=\"stats-empty\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"chart-tokens\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tokens_and_requests_are_charted_by_model_and_by_account()
    {
        var store = new MonitorStore(garnet.Redis);
        await store.AppendAsync(MonitorRecords.Of(1, model: "gemini-2.5-pro", account: "acc-a", status: 200, input: 1000, output: 100), null, 100);
        await store.AppendAsync(MonitorRecords.Of(2, model: "gemini-2.5-pro", account: "acc-b", status: 200, input: 1000, output: 100), null, 100);
        await store.AppendAsync(MonitorRecords.Of(3, model: "claude-sonnet-4-6", account: "acc-a", status: 429, input: 1000, output: 100), null, 100);

        var byModel = WebUtility.HtmlDecode(await _ui.PageAsync("/statistics"));
        var byAccount = WebUtility.HtmlDecode(await _ui.PageAsync("/statistics?range=hour&by=account"));

        Assert.Contains("data-testid=\"stat-requests\">3<", byModel, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"stat-errors\">1<", byModel, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"chart-tokens\"", byModel, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"chart-requests\"", byModel, StringComparison.Ordinal);
        Assert.Equal(new Dictionary<string, long> { ["gemini-2.5-pro"] = 2200, ["claude-sonnet-4-6"] = 1100 }, Totals(Bars(byModel, "chart-tokens")));
        Assert.Equal(new Dictionary<string, long> { ["succeeded"] = 2, ["failed"] = 1 }, Totals(Bars(byModel, "chart-requests")));
        Assert.Contains("claude-sonnet-4-6", byModel, StringComparison.Ordinal);
        Assert.Contains("acc-a@example.com", byAccount, StringComparison.Ordinal);
        Assert.Contains("aria-current=\"true\" href=\"/statistics?range=hour&by=account\"", byAccount, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_range_is_refused_with_the_api_message()
    {
        using var response = await Browser.GetAsync("/statistics?range=decade");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("range must be one of hour, day, week", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_six_biggest_models_get_their_own_colour_and_the_rest_is_other()
    {
        var store = new MonitorStore(garnet.Redis);
        for (var n = 1; n <= 8; n++)
        {
            // model-1 has the most tokens, model-8 the fewest
            await store.AppendAsync(MonitorRecords.Of(n, model: $"model-{n}", account: "acc-a") with { InputTokens = 1000 * (10 - n), OutputTokens = 0 }, null, 100);
        }

        using var response = await Browser.GetAsync("/statistics?range=day&by=model");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        var tokens = Totals(Bars(html, "chart-tokens"));

        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Matches("<link rel=\"stylesheet\" href=\"/?monitor[^\"]*\\.css\"", html);
        Assert.Equal(["2 other", "model-1", "model-2", "model-3", "model-4", "model-5", "model-6"], tokens.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(3000 + 2000, tokens["2 other"]);
        Assert.Equal(9000, tokens["model-1"]);
        var tokenChart = html[html.IndexOf("data-testid=\"chart-tokens\"", StringComparison.Ordinal)..html.IndexOf("data-testid=\"chart-requests\"", StringComparison.Ordinal)];
        Assert.Equal(7, LegendItem().Matches(tokenChart).Count);
        Assert.Contains("viewBox=\"0 0 720 240\"", tokenChart, StringComparison.Ordinal);
        Assert.Contains("model-8", html, StringComparison.Ordinal); // still listed in the table
    }

    // The tooltips of the bars of one chart.
    private static List<string> Bars(string html, string chart)
    {
        var start = html.IndexOf($"data-testid=\"{chart}\"", StringComparison.Ordinal);
        var end = html.IndexOf("</svg>", start, StringComparison.Ordinal);
        return [.. BarTitle().Matches(html[start..end]).Select(m => m.Groups[1].Value)];
    }

    // Sums the bar tooltips ("label · 14:00: 1,100 tokens") per label, whatever bucket they fell in.
    private static Dictionary<string, long> Totals(List<string> titles) => titles
        .Select(title => BarValue().Match(title))
        .GroupBy(m => m.Groups[1].Value)
        .ToDictionary(g => g.Key, g => g.Sum(m => long.Parse(m.Groups[2].Value, System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture)));

    [GeneratedRegex("^(.+) · [^:]+:[^:]*: ([\\d,]+) ")]
    private static partial Regex BarValue();

    [GeneratedRegex("data-testid=\"legend-item\"")]
    private static partial Regex LegendItem();

    [GeneratedRegex("<rect class=\"chart-bar\"[^>]*><title>([^<]*)</title>")]
    private static partial Regex BarTitle();
}
