using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Antigravity.UpstreamEmulator.Tests.Infrastructure;

namespace Antigravity.UpstreamEmulator.Tests.Control;

public sealed class ControlApiTests(EmulatorFactory factory) : EmulatorTestBase(factory)
{
    [Fact]
    public async Task State_lists_the_seeded_accounts_keys_and_oauth_client()
    {
        using var response = await Client.GetAsync("/_emulator/state");

        var state = await ReadJsonAsync(response);
        Assert.Equal("emulator-client-id", state["oauthClient"]!["clientId"]!.GetValue<string>());
        Assert.Equal("emulator-client-secret", state["oauthClient"]!["clientSecret"]!.GetValue<string>());
        var accounts = state["accounts"]!.AsArray();
        Assert.Equal([Ultra, Pro, Free], accounts.Select(a => a!["refreshToken"]!.GetValue<string>()));
        Assert.Equal(["ultra", "pro", "free"], accounts.Select(a => a!["tier"]!.GetValue<string>()));
        Assert.Equal(["ultra@emulator.test", "pro@emulator.test", "free@emulator.test"], accounts.Select(a => a!["email"]!.GetValue<string>()));
        Assert.Equal(
            ["anthropic:emulator-anthropic-key", "gemini:emulator-gemini-key", "openai:emulator-openai-key"],
            state["keys"]!.AsArray().Select(k => $"{k!["kind"]}:{k["key"]}").Order(StringComparer.Ordinal));
        Assert.Equal(["anthropic-1", "gemini-1", "openai-1"], state["keys"]!.AsArray().Select(k => k!["id"]!.GetValue<string>()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Added_account_can_refresh_and_duplicates_conflict()
    {
        using var add = await Client.PostAsync("/_emulator/accounts",
            Json("""{"email":"new.person@emulator.test","refreshToken":"new-refresh","tier":"free"}"""));
        using var duplicate = await Client.PostAsync("/_emulator/accounts", Json("""{"email":"new.person@emulator.test"}"""));

        Assert.Equal(HttpStatusCode.Created, add.StatusCode);
        var account = await ReadJsonAsync(add);
        Assert.Equal("New Person", account["name"]!.GetValue<string>());
        Assert.Equal("emulator-project-new-person", account["projectId"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        using var refresh = await RefreshAsync("new-refresh");
        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
    }

    [Fact]
    public async Task Patch_changes_the_tier_loadCodeAssist_reports()
    {
        using var patch = await Client.PatchAsync("/_emulator/accounts", Json("""{"target":"free@emulator.test","tier":"ultra"}"""));
        patch.EnsureSuccessStatusCode();

        using var load = await CloudCodeAsync("loadCodeAssist", new JsonObject(), await AccessTokenAsync(Free));

        Assert.Equal("g1-ultra-tier", (await ReadJsonAsync(load))["paidTier"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Keys_can_be_added_and_removed()
    {
        using var add = await Client.PostAsync("/_emulator/keys", Json("""{"kind":"openai","key":"sk-extra-key-0001"}"""));
        Assert.Equal(HttpStatusCode.Created, add.StatusCode);
        Assert.Equal("openai-2", (await ReadJsonAsync(add))["id"]!.GetValue<string>());
        using var accepted = await ChatAsync("sk-extra-key-0001");
        using var log = await Client.GetAsync("/_emulator/requests?path=/openai");
        var entry = JsonNode.Parse(await log.Content.ReadAsStringAsync())!.AsArray()[^1]!;
        Assert.Equal("key:openai-2", entry["account"]!.GetValue<string>());
        Assert.Equal("Bearer ****0001", entry["headers"]!["authorization"]!.GetValue<string>());
        using var remove = await Client.PostAsync("/_emulator/keys/remove", Json("""{"target":"sk-extra-key-0001"}"""));
        using var refused = await ChatAsync("sk-extra-key-0001");

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, remove.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    private async Task<HttpResponseMessage> ChatAsync(string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/openai/v1/chat/completions")
        {
            Content = Json("""{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}]}"""),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return await Client.SendAsync(request);
    }

    [Fact]
    public async Task Behaviours_are_listed_counted_and_removed()
    {
        using var added = await BehaviourAsync(new JsonObject { ["target"] = Ultra, ["action"] = "rate_limited", ["times"] = 2 });
        var id = (await ReadJsonAsync(added))["id"]!.GetValue<string>();
        var token = await AccessTokenAsync(Ultra);
        using var hit = await CloudCodeAsync("generateContent", Envelope("gemini-2.5-flash", GeminiRequest(UserText("hi"))), token);

        using var list = await Client.GetAsync("/_emulator/behaviours");
        var rule = JsonNode.Parse(await list.Content.ReadAsStringAsync())!.AsArray().Single()!;
        Assert.Equal(id, rule["id"]!.GetValue<string>());
        Assert.Equal(1, rule["hits"]!.GetValue<int>());
        Assert.Equal(1, rule["timesLeft"]!.GetValue<int>());

        using var delete = await Client.DeleteAsync($"/_emulator/behaviours/{id}");
        using var missing = await Client.DeleteAsync($"/_emulator/behaviours/{id}");
        using var after = await CloudCodeAsync("generateContent", Envelope("gemini-2.5-flash", GeminiRequest(UserText("hi"))), token);
        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Theory]
    [InlineData("""{"action":"explode"}""", "'action' must be one of")]
    [InlineData("""{"action":"slow_first_byte"}""", "delayMs")]
    [InlineData("""{"action":"quota_exhausted","quotaResetDelay":"soon"}""", "quotaResetDelay")]
    [InlineData("""{"action":"server_error","status":418}""", "status")]
    [InlineData("""{"action":"rate_limited","times":0}""", "times")]
    [InlineData("""not json""", "not valid JSON")]
    public async Task Invalid_behaviours_are_refused_with_the_reason(string body, string reason)
    {
        using var response = await Client.PostAsync("/_emulator/behaviours", Json(body));

        var error = await ErrorAsync(response, 400);
        Assert.Contains(reason, error["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_log_shows_what_was_sent_with_secrets_masked()
    {
        using var clear = await Client.DeleteAsync("/_emulator/requests");
        var token = await AccessTokenAsync(Pro);
        using var call = await CloudCodeAsync("generateContent",
            Envelope("gemini-2.5-flash", GeminiRequest(UserText("logged prompt")), "emulator-project-2"), token);

        using var response = await Client.GetAsync("/_emulator/requests?path=/v1internal");

        var entries = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
        var entry = Assert.Single(entries)!;
        Assert.Equal("POST", entry["method"]!.GetValue<string>());
        Assert.Equal("/v1internal:generateContent", entry["path"]!.GetValue<string>());
        Assert.Equal("pro@emulator.test", entry["account"]!.GetValue<string>());
        Assert.Equal(200, entry["status"]!.GetValue<int>());
        var authorization = entry["headers"]!["authorization"]!.GetValue<string>();
        Assert.StartsWith("Bearer ****", authorization, StringComparison.Ordinal);
        Assert.DoesNotContain(token, authorization, StringComparison.Ordinal);
        var sent = JsonNode.Parse(entry["body"]!.GetValue<string>())!;
        Assert.Equal("emulator-project-2", sent["project"]!.GetValue<string>());
        Assert.Equal("logged prompt", sent["request"]!["contents"]![0]!["parts"]![0]!["text"]!.GetValue<string>());

        using var all = await Client.GetAsync("/_emulator/requests");
        var tokenCall = JsonNode.Parse(await all.Content.ReadAsStringAsync())!.AsArray().First(e => e!["path"]!.GetValue<string>() == "/token")!;
        Assert.DoesNotContain(Pro, tokenCall["body"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("pro@emulator.test", tokenCall["account"]!.GetValue<string>());

        using var later = await Client.GetAsync($"/_emulator/requests?after={entry["id"]}");
        Assert.Empty(JsonNode.Parse(await later.Content.ReadAsStringAsync())!.AsArray());
    }

    [Fact]
    public async Task Reset_brings_back_the_seeds()
    {
        using var revoke = await Client.PostAsync("/_emulator/accounts/revoke", Json("""{"target":"emulator-refresh-1"}"""));
        using var remove = await Client.PostAsync("/_emulator/keys/remove", Json("""{"target":"emulator-gemini-key"}"""));

        using var reset = await Client.PostAsync("/_emulator/reset", null);
        using var refresh = await RefreshAsync(Ultra);

        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        using var state = await Client.GetAsync("/_emulator/state");
        Assert.Equal(3, (await ReadJsonAsync(state))["keys"]!.AsArray().Count);
    }

    [Fact]
    public async Task Home_page_lists_credentials_and_paths()
    {
        var page = await Client.GetStringAsync("/");

        Assert.Contains("emulator-refresh-1", page, StringComparison.Ordinal);
        Assert.Contains("emulator-anthropic-key", page, StringComparison.Ordinal);
        Assert.Contains($"Upstream__OAuth__TokenUrl       = {Client.BaseAddress!.GetLeftPart(UriPartial.Authority)}/token", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_account_targets_are_404()
    {
        using var response = await Client.PostAsync("/_emulator/accounts/revoke", Json("""{"target":"nobody@emulator.test"}"""));

        Assert.Contains("nobody@emulator.test", (await ErrorAsync(response, 404))["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
