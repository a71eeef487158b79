using System.Net;
using Antigravity.Contracts.Settings;
using Antigravity.Dashboard.Tests.Infrastructure;

namespace Antigravity.Dashboard.Tests.Ui;

/// <summary>The API Proxy page's forms change the settings through the same rules as the admin API.</summary>
public sealed class ApiProxyPageTests(GarnetFixture garnet) : IClassFixture<GarnetFixture>, IAsyncLifetime
{
    private SignedInDashboard _ui = null!;

    private HttpClient Browser => _ui.Browser;

    public async Task InitializeAsync()
    {
        await garnet.ResetAsync();
        _ui = await SignedInDashboard.StartAsync(garnet, new Dictionary<string, string?> { ["Proxy:Port"] = "8123", ["Proxy:AllowLanAccess"] = "true" });
    }

    public async Task DisposeAsync() => await _ui.DisposeAsync();

    [Fact]
    public async Task The_page_shows_status_port_lan_access_effective_auth_mode_and_base_urls()
    {
        using var response = await Browser.GetAsync("/proxy");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Contains("Running", html, StringComparison.Ordinal);
        Assert.Contains(">8123<", html, StringComparison.Ordinal);
        Assert.Contains("effective: all_except_health", html, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(ProxyAuthMode.Auto.Explain(allowLanAccess: true)), html, StringComparison.Ordinal);
        Assert.Contains("http://127.0.0.1:8123/v1", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"url-anthropic\">http://127.0.0.1:8123<", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"lan-note\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Choosing_an_auth_mode_saves_it_through_the_store()
    {
        using var response = await HtmlForms.SubmitAsync(Browser, "/proxy", "auth-mode", new Dictionary<string, string> { ["AuthMode"] = "strict" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(ProxyAuthMode.Strict, (await garnet.Store.GetAsync())!.AuthMode);
        var page = await Browser.GetStringAsync(HtmlForms.LocalRedirectTarget(response));
        Assert.Contains("Auth mode saved", page, StringComparison.Ordinal);
        Assert.Contains("effective: strict", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_auth_mode_is_refused_with_the_api_message()
    {
        await Browser.GetAsync("/proxy");
        var before = (await garnet.Store.GetAsync())!;

        using var response = await HtmlForms.SubmitAsync(Browser, "/proxy", "auth-mode", new Dictionary<string, string> { ["AuthMode"] = "sometimes" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("authMode must be one of off, strict, all_except_health, auto", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(before.Revision, (await garnet.Store.GetAsync())!.Revision);
    }

    [Fact]
    public async Task Editing_the_api_key_validates_it_and_saves_a_good_one()
    {
        using var refused = await HtmlForms.SubmitAsync(Browser, "/proxy", "api-key", new Dictionary<string, string> { ["Draft"] = "nope" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("apiKey must start with \"sk-\".", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        using var saved = await HtmlForms.SubmitAsync(Browser, "/proxy", "api-key", new Dictionary<string, string> { ["Draft"] = "sk-typed-by-hand-1" });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("sk-typed-by-hand-1", await garnet.StoredApiKeyAsync());
    }

    [Fact]
    public async Task Regenerating_replaces_the_key_and_shows_the_new_one()
    {
        await Browser.GetAsync("/proxy");
        var old = await garnet.StoredApiKeyAsync();

        using var response = await HtmlForms.SubmitAsync(Browser, "/proxy", "regenerate-key", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var fresh = await garnet.StoredApiKeyAsync();
        Assert.NotEqual(old, fresh);
        Assert.Null(ApiKeys.Validate(fresh));
        var page = await Browser.GetStringAsync(HtmlForms.LocalRedirectTarget(response));
        Assert.Contains("New API key generated", page, StringComparison.Ordinal);
        Assert.Contains($"data-testid=\"api-key\">{fresh}<", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_and_start_set_enabled_through_the_store()
    {
        using var stopped = await HtmlForms.SubmitAsync(Browser, "/proxy", "proxy-state", new Dictionary<string, string> { ["Enabled"] = "false" });
        Assert.Equal(HttpStatusCode.Redirect, stopped.StatusCode);
        Assert.False((await garnet.Store.GetAsync())!.Enabled);
        Assert.Contains("Stopped", await Browser.GetStringAsync("/proxy"), StringComparison.Ordinal);

        using var started = await HtmlForms.SubmitAsync(Browser, "/proxy", "proxy-state", new Dictionary<string, string> { ["Enabled"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        Assert.True((await garnet.Store.GetAsync())!.Enabled);
    }

    [Fact]
    public async Task The_routing_form_saves_scheduling_dispatch_and_monitor_through_the_store()
    {
        using var response = await HtmlForms.SubmitAsync(Browser, "/proxy", "routing", new Dictionary<string, string>
        {
            ["Mode"] = "cache_first", ["MaxWaitSeconds"] = "90", ["QuotaProtection"] = "true", ["ThresholdPercent"] = "15",
            ["AnthropicDispatch"] = "pooled", ["MaxRecords"] = "2000",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = (await garnet.Store.GetAsync())!;
        Assert.Equal("cache_first", stored.Scheduling.Mode);
        Assert.Equal(90, stored.Scheduling.MaxWaitSeconds);
        Assert.True(stored.Scheduling.QuotaProtection.Enabled);
        Assert.Equal(15, stored.Scheduling.QuotaProtection.ThresholdPercent);
        Assert.Equal("pooled", stored.AnthropicDispatch);
        Assert.False(stored.Monitor.Enabled); // unticked box
        Assert.Equal(2000, stored.Monitor.MaxRecords);
        var page = await Browser.GetStringAsync(HtmlForms.LocalRedirectTarget(response));
        Assert.Contains("Routing and monitor settings saved", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"scheduling-mode\">cache_first<", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_routing_form_refuses_out_of_range_values_with_the_api_message()
    {
        await Browser.GetAsync("/proxy");
        var before = (await garnet.Store.GetAsync())!;

        using var response = await HtmlForms.SubmitAsync(Browser, "/proxy", "routing", new Dictionary<string, string>
        {
            ["Mode"] = "balance", ["MaxWaitSeconds"] = "9000", ["ThresholdPercent"] = "10", ["AnthropicDispatch"] = "off", ["MaxRecords"] = "10000",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("scheduling.maxWaitSeconds must be between 0 and 3600.", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(before.Revision, (await garnet.Store.GetAsync())!.Revision);
    }

    [Fact]
    public async Task The_mapping_editor_saves_exact_and_wildcard_rows_and_drops_removed_and_empty_ones()
    {
        await garnet.Store.UpdateAsync(s => s with { ModelMapping = new Dictionary<string, string> { ["old-model"] = "gemini-2.5-pro" } });

        using var response = await HtmlForms.SubmitAsync(Browser, "/proxy", "model-mapping", new Dictionary<string, string>
        {
            ["Rows[0].From"] = "old-model", ["Rows[0].To"] = "gemini-2.5-pro", ["Rows[0].Remove"] = "true",
            ["Rows[1].From"] = " gpt-4o ", ["Rows[1].To"] = "gemini-2.5-pro",
            ["Rows[2].From"] = "claude-opus-*", ["Rows[2].To"] = "gemini-3-pro-high",
            ["Rows[3].From"] = "", ["Rows[3].To"] = "",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = (await garnet.Store.GetAsync())!.ModelMapping;
        Assert.Equal(new Dictionary<string, string> { ["gpt-4o"] = "gemini-2.5-pro", ["claude-opus-*"] = "gemini-3-pro-high" }, stored);
        var page = WebUtility.HtmlDecode(await Browser.GetStringAsync(HtmlForms.LocalRedirectTarget(response)));
        Assert.Contains("Model mapping saved", page, StringComparison.Ordinal);
        Assert.Contains("2 custom rows", page, StringComparison.Ordinal);
        Assert.Contains("value=\"claude-opus-*\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_row_without_an_upstream_model_is_refused_and_what_was_typed_stays()
    {
        await Browser.GetAsync("/proxy");
        var before = (await garnet.Store.GetAsync())!;

        using var response = await HtmlForms.SubmitAsync(Browser, "/proxy", "model-mapping", new Dictionary<string, string>
        {
            ["Rows[0].From"] = "gpt-4o", ["Rows[0].To"] = "gemini-2.5-pro",
            ["Rows[1].From"] = "typed-by-hand", ["Rows[1].To"] = "",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Row 2 (\"typed-by-hand\") needs an upstream model.", html, StringComparison.Ordinal);
        Assert.Contains("value=\"typed-by-hand\"", html, StringComparison.Ordinal);
        Assert.Equal(before.Revision, (await garnet.Store.GetAsync())!.Revision);
    }

    [Fact]
    public async Task A_pattern_that_matches_every_model_is_refused_with_the_api_message()
    {
        using var response = await HtmlForms.SubmitAsync(Browser, "/proxy", "model-mapping", new Dictionary<string, string>
        {
            ["Rows[0].From"] = "**", ["Rows[0].To"] = "gemini-2.5-pro",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("modelMapping key \"**\" matches every model", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trying_a_model_name_says_which_rule_resolves_it_and_the_built_in_table_is_shown()
    {
        await garnet.Store.UpdateAsync(s => s with { ModelMapping = new Dictionary<string, string> { ["claude-opus-*"] = "gemini-3-pro-high" } });

        var custom = WebUtility.HtmlDecode(await Browser.GetStringAsync("/proxy?try=claude-opus-4-5"));
        var builtIn = WebUtility.HtmlDecode(await Browser.GetStringAsync("/proxy?try=claude-haiku-4-5"));
        var unknown = WebUtility.HtmlDecode(await Browser.GetStringAsync("/proxy?try=my-local-model"));

        Assert.Matches("<code>claude-opus-4-5</code> → <code>gemini-3-pro-high</code>\\s*<span class=\"hint\">\\(your pattern claude-opus-\\*\\)", custom);
        Assert.Matches("<code>claude-haiku-4-5</code> → <code>claude-sonnet-4-6</code>\\s*<span class=\"hint\">\\(the built-in table\\)", builtIn);
        Assert.Contains("no rule matches: sent upstream as it is", unknown, StringComparison.Ordinal);
        Assert.Contains("<code>gpt-4*</code>", builtIn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Client_snippets_carry_each_family_s_base_url_and_the_real_key_only_in_the_copy_text()
    {
        var html = await Browser.GetStringAsync("/proxy");
        var key = await garnet.StoredApiKeyAsync();
        var text = WebUtility.HtmlDecode(html);

        foreach (var client in (string[])["curl", "openai-python", "openai-node", "anthropic", "claude-code", "codex", "gemini-cli", "gemini-sdk"])
        {
            Assert.Contains($"data-client=\"{client}\"", html, StringComparison.Ordinal);
        }
        Assert.Contains("export ANTHROPIC_BASE_URL=http://127.0.0.1:8123\n", text, StringComparison.Ordinal);
        Assert.Contains("base_url = \"http://127.0.0.1:8123/v1\"", text, StringComparison.Ordinal);
        Assert.Contains("export ANTHROPIC_API_KEY=" + Antigravity.Contracts.Settings.ApiKeys.Mask(key), text, StringComparison.Ordinal);
        Assert.Contains("export ANTHROPIC_API_KEY=" + key, text, StringComparison.Ordinal); // in the copy button's data-copy
    }

    [Fact]
    public async Task Static_assets_are_served()
    {
        using var css = await Browser.GetAsync("/app.css");
        using var js = await Browser.GetAsync("/app.js");

        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Contains(".sidebar", await css.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, js.StatusCode);
        Assert.Contains("navigator.clipboard", await js.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
