using System.Net;
using System.Text.Json;
using Antigravity.Dashboard.Tests.Infrastructure;

namespace Antigravity.Dashboard.Tests.Ui;

/// <summary>The Accounts page: what it shows of the pool, and the calls its forms and buttons make to it.</summary>
public sealed class AccountsPageTests(GarnetFixture garnet) : IClassFixture<GarnetFixture>, IAsyncLifetime
{
    private const string Added = """{"id":"new-1","kind":"antigravity","email":"new@example.com","enabled":true,"state":{"status":"active"},"models":[],"quota":[],"cooldowns":[],"createdAt":"2026-01-01T00:00:00Z"}""";
    private readonly FakeAccountPool _pool = new();
    private SignedInDashboard _ui = null!;

    private HttpClient Browser => _ui.Browser;

    public async Task InitializeAsync()
    {
        await garnet.ResetAsync();
        _ui = await SignedInDashboard.StartAsync(garnet, pool: _pool);
        _pool.AccountsJson = TwoAccounts();
    }

    public async Task DisposeAsync() => await _ui.DisposeAsync();

    [Fact]
    public async Task An_empty_pool_says_what_to_do_and_opens_the_first_way_to_add_one()
    {
        _pool.AccountsJson = "[]";

        var html = await _ui.PageAsync("/accounts");

        Assert.Contains("data-testid=\"accounts-empty\"", html, StringComparison.Ordinal);
        Assert.Contains("<details class=\"add-method\" open><summary>Sign in with Google</summary>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"account-row\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rows_show_kind_state_quota_with_reset_time_and_use_but_no_secret()
    {
        var html = WebUtility.HtmlDecode(await _ui.PageAsync("/accounts"));

        Assert.Contains("data-account-id=\"g-1\"", html, StringComparison.Ordinal);
        Assert.Contains("Google (Antigravity) · g1-pro-tier", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"quota-bar\" data-model=\"claude-sonnet-4-6\"", html, StringComparison.Ordinal);
        Assert.Contains("<span>Claude Sonnet 4.6</span><span class=\"mono\">80%</span>", html, StringComparison.Ordinal);
        Assert.Contains("style=\"width: 80%\"", html, StringComparison.Ordinal);
        Assert.Contains("resets in 2 h", html, StringComparison.Ordinal);
        Assert.Contains("level-critical", html, StringComparison.Ordinal); // 5 % left on Flash
        Assert.Contains("12 requests", html, StringComparison.Ordinal);
        Assert.Contains("Gemini API key", html, StringComparison.Ordinal);
        Assert.Contains("AIza…wxyz", html, StringComparison.Ordinal);
        Assert.Contains(">verification needed<", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://accounts.google.com/verify?x=1\" target=\"_blank\" rel=\"noopener noreferrer\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Adding_a_refresh_token_sends_it_to_the_pool_and_confirms()
    {
        _pool.Answer(HttpMethod.Post, "/internal/accounts", HttpStatusCode.Created, Added);

        using var response = await HtmlForms.SubmitAsync(Browser, "/accounts", "add-refresh-token", new Dictionary<string, string> { ["RefreshToken"] = " 1//token-from-google ", ["Label"] = "work" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var call = Assert.Single(_pool.Changes);
        Assert.Equal(("POST", "/internal/accounts"), (call.Method, call.Path));
        using var body = JsonDocument.Parse(call.Body!);
        Assert.Equal("antigravity", body.RootElement.GetProperty("kind").GetString());
        Assert.Equal("1//token-from-google", body.RootElement.GetProperty("refreshToken").GetString());
        Assert.Equal("work", body.RootElement.GetProperty("label").GetString());
        var page = await Browser.GetStringAsync(HtmlForms.LocalRedirectTarget(response));
        Assert.Contains("new@example.com was added to the pool.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gemini_key_and_a_provider_are_sent_with_their_models()
    {
        _pool.Answer(HttpMethod.Post, "/internal/accounts", HttpStatusCode.Created, Added);

        using var key = await HtmlForms.SubmitAsync(Browser, "/accounts", "add-api-key", new Dictionary<string, string> { ["ApiKey"] = "AIza-secret", ["Models"] = "gemini-2.5-pro, gemini-2.5-flash gemini-2.5-pro" });
        using var provider = await HtmlForms.SubmitAsync(Browser, "/accounts", "add-provider", new Dictionary<string, string>
        {
            ["Kind"] = "openai-compatible", ["BaseUrl"] = "https://openrouter.ai/api/v1", ["ApiKey"] = "sk-or-secret", ["Models"] = "deepseek/deepseek-chat",
        });

        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (key.StatusCode, provider.StatusCode));
        var bodies = _pool.Changes.Select(c => JsonDocument.Parse(c.Body!).RootElement).ToList();
        Assert.Equal("gemini-api-key", bodies[0].GetProperty("kind").GetString());
        Assert.Equal(["gemini-2.5-pro", "gemini-2.5-flash"], bodies[0].GetProperty("models").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("openai-compatible", bodies[1].GetProperty("kind").GetString());
        Assert.Equal("https://openrouter.ai/api/v1", bodies[1].GetProperty("baseUrl").GetString());
        Assert.Equal("sk-or-secret", bodies[1].GetProperty("apiKey").GetString());
    }

    [Fact]
    public async Task A_refusal_shows_the_pool_s_sentence_with_its_status_and_never_echoes_the_secret()
    {
        _pool.Answer(HttpMethod.Post, "/internal/accounts", HttpStatusCode.BadRequest, """{"error":"refreshToken was refused by Google: invalid_grant","field":"refreshToken"}""");

        using var response = await HtmlForms.SubmitAsync(Browser, "/accounts", "add-refresh-token", new Dictionary<string, string> { ["RefreshToken"] = "1//typed-secret", ["Label"] = "kept label" });
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("data-testid=\"form-error\">refreshToken was refused by Google: invalid_grant<", html, StringComparison.Ordinal);
        Assert.Contains("value=\"kept label\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("typed-secret", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pool_that_is_down_is_said_with_503()
    {
        _pool.Reachable = false;

        using var response = await Browser.GetAsync("/accounts");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("The account pool service is not reachable", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("disable:g-1", "PATCH", "/internal/accounts/g-1", "{\"enabled\":false}", "one@example.com is disabled")]
    [InlineData("enable:k-1", "PATCH", "/internal/accounts/k-1", "{\"enabled\":true}", "AI Studio key is enabled")]
    [InlineData("refresh:g-1", "POST", "/internal/accounts/g-1/refresh", null, "one@example.com was refreshed")]
    [InlineData("delete:k-1", "DELETE", "/internal/accounts/k-1", null, "AI Studio key was removed")]
    public async Task Row_buttons_call_the_pool_for_that_account(string command, string method, string path, string? body, string notice)
    {
        _pool.Answer(new HttpMethod(method), path, method == "DELETE" ? HttpStatusCode.NoContent : HttpStatusCode.OK, method == "DELETE" ? "" : Added);

        using var response = await HtmlForms.SubmitAsync(Browser, "/accounts", "account-action", new Dictionary<string, string> { ["Command"] = command });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var call = Assert.Single(_pool.Changes);
        Assert.Equal((method, path), (call.Method, call.Path));
        if (body is not null)
        {
            Assert.Equal(body, call.Body?.Replace(",\"label\":null", "").Replace(",\"models\":null", "").Replace("\"label\":null,", "").Replace("\"models\":null,", ""));
        }
        Assert.Contains(notice, WebUtility.HtmlDecode(await Browser.GetStringAsync(HtmlForms.LocalRedirectTarget(response))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_action_while_the_pool_is_down_says_so_and_changes_nothing()
    {
        var token = await HtmlForms.AntiforgeryTokenAsync(Browser, "/accounts");
        _pool.Reachable = false;

        using var response = await Browser.PostAsync("/accounts", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "account-action", ["__RequestVerificationToken"] = token, ["Command"] = "prefer:g-1",
        }));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("The account pool service is not reachable", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null((await garnet.Store.GetAsync())?.Scheduling.PreferredAccountId);
    }

    [Fact]
    public async Task Prefer_pins_the_account_in_the_settings_and_clear_unpins_it()
    {
        using var prefer = await HtmlForms.SubmitAsync(Browser, "/accounts", "account-action", new Dictionary<string, string> { ["Command"] = "prefer:g-1" });
        Assert.Equal("g-1", (await garnet.Store.GetAsync())!.Scheduling.PreferredAccountId);
        var page = await Browser.GetStringAsync(HtmlForms.LocalRedirectTarget(prefer));
        Assert.Contains("data-testid=\"preferred\"", page, StringComparison.Ordinal);

        using var clear = await HtmlForms.SubmitAsync(Browser, "/accounts", "account-action", new Dictionary<string, string> { ["Command"] = "unprefer:g-1" });
        Assert.Null((await garnet.Store.GetAsync())!.Scheduling.PreferredAccountId);
        Assert.Empty(_pool.Changes);
    }

    [Fact]
    public async Task An_action_without_the_form_token_is_refused_and_reaches_nothing()
    {
        using var response = await Browser.PostAsync("/accounts", new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "account-action", ["Command"] = "delete:g-1" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_pool.Changes);
    }

    [Fact]
    public async Task Google_sign_in_sends_theBrowser_to_the_authorize_url_with_this_dashboard_as_callback()
    {
        _pool.Answer(HttpMethod.Post, "/internal/oauth/start", HttpStatusCode.OK,
            """{"authorizeUrl":"https://accounts.google.com/o/oauth2/v2/auth?state=abc","state":"abc","redirectUri":"http://localhost/auth/callback"}""");

        using var response = await HtmlForms.SubmitAsync(Browser, "/accounts", "google-sign-in", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("https://accounts.google.com/o/oauth2/v2/auth?state=abc", response.Headers.Location!.ToString());
        Assert.Contains("/auth/callback", Assert.Single(_pool.Changes).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_antigravity_tools_folder_is_imported_as_one_body_and_the_result_shown()
    {
        _pool.Answer(HttpMethod.Post, "/internal/accounts/import", HttpStatusCode.OK, """{"added":[],"skipped":1,"errors":["accounts/b.json: token.refresh_token is missing."]}""");
        var token = await HtmlForms.AntiforgeryTokenAsync(Browser, "/accounts");
        using var form = new MultipartFormDataContent
        {
            { new StringContent("import"), "_handler" },
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("""{"accounts":[{"id":"a"},{"id":"b"}]}"""), "Files", "accounts.json" },
            { new StringContent("""{"email":"a@example.com","token":{"refresh_token":"1//a"}}"""), "Files", "a.json" },
            { new StringContent("""{"email":"b@example.com","token":{}}"""), "Files", "b.json" },
            { new StringContent("""{"language":"en"}"""), "Files", "gui_config.json" },
        };

        using var response = await Browser.PostAsync("/accounts", form);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var sent = JsonDocument.Parse(Assert.Single(_pool.Changes).Body!);
        Assert.Equal(2, sent.RootElement.GetProperty("accountsJson").GetProperty("accounts").GetArrayLength());
        Assert.Equal(["a.json", "b.json"], sent.RootElement.GetProperty("accounts").EnumerateObject().Select(p => p.Name));
        Assert.Contains("Added 0, skipped 1 (already in the pool), 1 not imported:", html, StringComparison.Ordinal);
        Assert.Contains("accounts/b.json: token.refresh_token is missing.", html, StringComparison.Ordinal);
    }

    private static string TwoAccounts()
    {
        var reset = DateTimeOffset.UtcNow.AddHours(2).AddMinutes(1).ToString("O");
        return $$"""
            [{"id":"g-1","kind":"antigravity","email":"one@example.com","tier":"g1-pro-tier","enabled":true,"state":{"status":"active"},"leaseCount":12,"models":[],
              "quota":[{"model":"claude-sonnet-4-6","displayName":"Claude Sonnet 4.6","remainingFraction":0.8,"resetTime":"{{reset}}"},{"model":"gemini-2.5-flash","remainingFraction":0.05}],
              "cooldowns":[],"createdAt":"2026-01-01T00:00:00Z"},
             {"id":"k-1","kind":"gemini-api-key","label":"AI Studio key","secretHint":"AIza…wxyz","enabled":false,"state":{"status":"disabled"},"models":[],"quota":[],"cooldowns":[],"createdAt":"2026-01-01T00:00:00Z"},
             {"id":"v-1","kind":"antigravity","email":"verify@example.com","enabled":true,"state":{"status":"validation_required","reason":"VALIDATION_REQUIRED","validationUrl":"https://accounts.google.com/verify?x=1"},"models":[],"quota":[],"cooldowns":[],"createdAt":"2026-01-01T00:00:00Z"}]
            """;
    }
}
