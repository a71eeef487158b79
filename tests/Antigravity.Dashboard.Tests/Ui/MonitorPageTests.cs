using System.Net;
using System.Text.RegularExpressions;
using Antigravity.Contracts.Monitor;
using Antigravity.Dashboard.Tests.Infrastructure;

namespace Antigravity.Dashboard.Tests.Ui;

/// <summary>The Monitor page and a request's detail, over records stored the way the gateway stores them.</summary>
public sealed partial class MonitorPageTests(GarnetFixture garnet) : IClassFixture<GarnetFixture>, IAsyncLifetime
{
    private SignedInDashboard _ui = null!;

    private HttpClient Browser => _ui.Browser;

    private MonitorStore Store => new(garnet.Redis);

    public async Task InitializeAsync()
    {
        await garnet.ResetAsync();
        _ui = await SignedInDashboard.StartAsync(garnet, new Dictionary<string, string?> { ["Proxy:Port"] = "8123" });
    }

    public async Task DisposeAsync() => await _ui.DisposeAsync();

    [Fact]
    public async Task With_no_requests_the_page_shows_how_to_send_one()
    {
        var html = WebUtility.HtmlDecode(await _ui.PageAsync("/monitor"));

        Assert.Contains("data-testid=\"monitor-empty\"", html, StringComparison.Ordinal);
        Assert.Contains("curl http://127.0.0.1:8123/v1/chat/completions", html, StringComparison.Ordinal);
        Assert.Empty(Rows(html));
        Assert.Contains("data-monitor-live=\"/api/monitor/stream\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rows_show_status_models_account_tokens_and_duration_newest_first()
    {
        await Store.AppendAsync(Of(1, clientModel: "gpt-4o"), null, 100);
        await Store.AppendAsync(Of(2, status: 429, error: "All accounts are rate limited"), null, 100);

        var html = WebUtility.HtmlDecode(await _ui.PageAsync("/monitor"));

        Assert.Equal(["req_2", "req_1"], Rows(html));
        Assert.Contains("gpt-4o → gemini-2.5-flash", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"badge badge-warn\">429</span>", html, StringComparison.Ordinal);
        Assert.Contains("All accounts are rate limited", html, StringComparison.Ordinal);
        Assert.Contains("1,000 / 100", html, StringComparison.Ordinal);
        Assert.Contains("2.3 s", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/monitor/req_1\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"monitor-empty\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filters_narrow_the_table_and_the_live_stream_alike()
    {
        await Store.AppendAsync(Of(1, protocol: "anthropic"), null, 100);
        await Store.AppendAsync(Of(2, status: 500, error: "upstream failed"), null, 100);
        await Store.AppendAsync(Of(3), null, 100);

        var errors = WebUtility.HtmlDecode(await _ui.PageAsync("/monitor?errorsOnly=true"));
        var anthropic = WebUtility.HtmlDecode(await _ui.PageAsync("/monitor?protocol=anthropic&model=&account=&q="));
        var none = WebUtility.HtmlDecode(await _ui.PageAsync("/monitor?q=nothing-like-this"));

        Assert.Equal(["req_2"], Rows(errors));
        Assert.Contains("data-monitor-live=\"/api/monitor/stream?errorsOnly=true\"", errors, StringComparison.Ordinal);
        Assert.Equal(["req_1"], Rows(anthropic));
        Assert.Empty(Rows(none));
        Assert.Contains("No requests match these filters", none, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_filter_is_refused_with_the_api_message()
    {
        using var response = await Browser.GetAsync("/monitor?protocol=smoke-signals");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("protocol must be one of openai, anthropic, gemini, other", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Older_requests_are_a_page_further()
    {
        for (var n = 1; n <= 103; n++)
        {
            await Store.AppendAsync(Of(n), null, 1000);
        }

        var first = WebUtility.HtmlDecode(await _ui.PageAsync("/monitor"));
        var older = OlderLink().Match(first);
        Assert.True(older.Success, "the first page links to older requests");
        var second = WebUtility.HtmlDecode(await _ui.PageAsync(older.Groups[1].Value));

        Assert.Equal(100, Rows(first).Count);
        Assert.Equal("req_103", Rows(first)[0]);
        Assert.Equal(["req_3", "req_2", "req_1"], Rows(second));
        Assert.DoesNotContain("data-monitor-live=\"/", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clearing_empties_the_monitor_but_only_with_the_form_token()
    {
        await Store.AppendAsync(Of(1), null, 100);

        using var forged = await Browser.PostAsync("/monitor", new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "clear-monitor", ["Confirm"] = "true" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(1, await Store.CountAsync());

        using var cleared = await HtmlForms.SubmitAsync(Browser, "/monitor", "clear-monitor", new Dictionary<string, string> { ["Confirm"] = "true" });

        Assert.Equal(HttpStatusCode.Redirect, cleared.StatusCode);
        Assert.Equal(0, await Store.CountAsync());
        var page = await Browser.GetStringAsync(HtmlForms.LocalRedirectTarget(cleared));
        Assert.Contains("The monitor was cleared", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_detail_shows_every_field_and_the_bodies_when_they_were_kept()
    {
        var bodies = new MonitorBodies
        {
            RequestHeaders = new Dictionary<string, string> { ["content-type"] = "application/json", ["authorization"] = "Bearer sk-…[redacted]" },
            RequestBody = """{"model":"gpt-4o","messages":[{"role":"user","content":"Hi <there>"}]}""",
            ResponseBody = "data: {\"choices\":[]}\n\ndata: [DONE]\n\n",
        };
        await Store.AppendAsync(Of(1, clientModel: "gpt-4o"), bodies, 100);

        var html = WebUtility.HtmlDecode(await _ui.PageAsync("/monitor/req_1"));

        Assert.Contains("data-testid=\"record-detail\"", html, StringComparison.Ordinal);
        Assert.Contains("gpt-4o → gemini-2.5-flash", html, StringComparison.Ordinal);
        Assert.Contains("<dd class=\"mono\" data-testid=\"record-client-model\">gpt-4o</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dd class=\"mono\" data-testid=\"record-upstream-model\">gemini-2.5-flash</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Request</dt><dd class=\"mono\">POST /v1/chat/completions</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Duration</dt><dd>2.3 s</dd>", html, StringComparison.Ordinal);
        Assert.Contains("authorization", html, StringComparison.Ordinal);
        Assert.Contains("Bearer sk-…[redacted]", html, StringComparison.Ordinal);
        Assert.Contains("  \"model\": \"gpt-4o\",", html, StringComparison.Ordinal); // pretty-printed JSON
        Assert.Contains("\"content\": \"Hi <there>\"", html, StringComparison.Ordinal);
        Assert.Contains("data: [DONE]", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"no-bodies\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_bodies_the_detail_says_how_to_keep_them_and_an_unknown_id_is_404()
    {
        await Store.AppendAsync(Of(1), null, 100);

        var html = await _ui.PageAsync("/monitor/req_1");
        using var missing = await Browser.GetAsync("/monitor/req_nope");

        Assert.Contains("data-testid=\"no-bodies\"", html, StringComparison.Ordinal);
        Assert.Contains("Keep request and response bodies", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("No such request", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pages_are_not_cached_and_bring_their_own_styles_and_live_script()
    {
        await Store.AppendAsync(Of(1), null, 100);

        using var list = await Browser.GetAsync("/monitor");
        using var detail = await Browser.GetAsync("/monitor/req_1");
        var listHtml = await list.Content.ReadAsStringAsync();

        Assert.Equal("no-store", list.Headers.CacheControl?.ToString());
        Assert.Equal("no-store", detail.Headers.CacheControl?.ToString());
        Assert.Matches(MonitorCss(), listHtml);
        Assert.Matches(MonitorCss(), await detail.Content.ReadAsStringAsync());
        Assert.Matches("<script src=\"/?monitor[^\"]*\\.js\" defer>", listHtml);
        Assert.Contains("data-testid=\"live-status\"", listHtml, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"pause\"", listHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_row_links_its_detail_from_the_time_which_carries_the_whole_date()
    {
        var time = new DateTimeOffset(2026, 3, 14, 12, 30, 5, TimeSpan.Zero);
        await Store.AppendAsync(Of(1) with { Time = time }, null, 100);

        var html = WebUtility.HtmlDecode(await _ui.PageAsync("/monitor"));

        Assert.Contains("<a href=\"/monitor/req_1\"><time datetime=\"2026-03-14T12:30:05.0000000+00:00\" title=\"2026-03-14 12:30:05 UTC\">12:30:05</time></a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_recording_off_the_empty_monitor_says_so_and_links_the_switch()
    {
        await garnet.Store.UpdateAsync(s => s with { Monitor = s.Monitor with { Enabled = false } });

        var html = await _ui.PageAsync("/monitor");

        Assert.Contains("Not recording", html, StringComparison.Ordinal);
        Assert.Contains("once recording is on", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/proxy#routing-title\"", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"monitor-empty\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_clear_button_asks_before_it_deletes()
    {
        await Store.AppendAsync(Of(1), null, 100);

        var html = WebUtility.HtmlDecode(await _ui.PageAsync("/monitor"));

        Assert.Matches("<details class=\"panel clear-panel\">\\s*<summary[^>]*data-testid=\"clear\"", html);
        Assert.Contains("Delete all 1 stored requests?", html, StringComparison.Ordinal);
        Assert.Equal(1, await Store.CountAsync());
    }

    [Fact]
    public async Task A_truncated_body_is_marked_and_a_body_that_is_not_json_is_shown_as_it_is()
    {
        var bodies = new MonitorBodies
        {
            RequestBody = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"us",
            RequestBodyTruncated = true,
            ResponseBody = "plain text answer",
        };
        await Store.AppendAsync(Of(1), bodies, 100);

        var html = WebUtility.HtmlDecode(await _ui.PageAsync("/monitor/req_1"));

        Assert.Contains("Request body <span class=\"badge badge-warn\">truncated</span>", html, StringComparison.Ordinal);
        Assert.Contains("<code>{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"us</code>", html, StringComparison.Ordinal);
        Assert.Contains("<code>plain text answer</code>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Response body <span class=\"badge badge-warn\">", html, StringComparison.Ordinal);
    }

    // Every record of these tests: 1,000 tokens in, 100 out, 2.3 s.
    private static MonitorRecord Of(int n, int status = 200, string protocol = "openai", string? error = null, string? clientModel = null) =>
        MonitorRecords.Of(n, protocol, status: status, input: 1000, output: 100, durationMs: 2300, error: error, clientModel: clientModel);

    private static List<string> Rows(string html) => [.. RowIds().Matches(html).Select(m => m.Groups[1].Value)];

    [GeneratedRegex("data-testid=\"monitor-row\" data-id=\"([^\"]+)\"")]
    private static partial Regex RowIds();

    [GeneratedRegex("<link rel=\"stylesheet\" href=\"/?monitor[^\"]*\\.css\"")]
    private static partial Regex MonitorCss();

    [GeneratedRegex("href=\"(/monitor\\?before=\\d+)\" data-testid=\"older\"")]
    private static partial Regex OlderLink();
}
