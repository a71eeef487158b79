using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Antigravity.AccountPool.Tests.Infrastructure;
using Antigravity.Contracts.Accounts;
using Antigravity.Contracts.Leasing;

namespace Antigravity.AccountPool.Tests.Accounts;

public sealed class AccountsAdminTests(PoolFixture fixture) : PoolTestBase(fixture)
{
    [Theory]
    [InlineData("""{}""", "kind")]
    [InlineData("""{"kind":"bogus"}""", "kind")]
    [InlineData("""{"kind":"antigravity"}""", "refreshToken")]
    [InlineData("""{"kind":"gemini-api-key"}""", "apiKey")]
    [InlineData("""{"kind":"openai-compatible","apiKey":"sk-abcdefgh1234"}""", "baseUrl")]
    [InlineData("""{"kind":"openai-compatible","baseUrl":"ftp://x","apiKey":"sk-abcdefgh1234","models":["m"]}""", "baseUrl")]
    [InlineData("""{"kind":"anthropic-compatible","baseUrl":"https://api.z.ai/api/anthropic","apiKey":"k"}""", "models")]
    [InlineData("""{"kind":"anthropic-compatible","models":"not-a-list"}""", "models")]
    public async Task Bad_bodies_get_400_naming_the_field(string body, string field)
    {
        using var http = App.CreateClient();
        using var response = await http.PostAsync("/internal/accounts", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<FieldError>(PoolJsonContext.Default.Options);
        Assert.Equal(field, error!.Field);
        Assert.Contains(field, error.Error);
    }

    [Fact]
    public async Task Compatible_accounts_serve_their_models_under_the_mapped_name()
    {
        var zai = await AddAsync(new AddAccountRequest
        {
            Kind = AccountKinds.AnthropicCompatible,
            BaseUrl = Fixture.Emulator.BaseUrl + "/anthropic",
            ApiKey = "emulator-anthropic-key",
            Models = ["claude-sonnet-4-5"],
            ModelMapping = new Dictionary<string, string> { ["claude-opus-4"] = "glm-4.6" },
        });
        Assert.Equal("sk-…" == zai.SecretHint ? "" : zai.SecretHint, zai.SecretHint);

        var lease = await LeaseAsync("claude-opus-4");
        Assert.Equal("glm-4.6", lease.UpstreamModel);
        Assert.Equal("emulator-anthropic-key", lease.ApiKey);
        Assert.Equal([Fixture.Emulator.BaseUrl + "/anthropic"], lease.BaseUrls);
        // No account serves gpt-4o at all: that is the model's fault (404), not a busy pool (503).
        Assert.Equal(HttpStatusCode.NotFound, (await Pool.LeaseAsync(new LeaseRequest { Model = "gpt-4o" })).StatusCode);
    }

    [Fact]
    public async Task Patch_disables_and_enables_and_delete_removes()
    {
        var a = await AddGeminiKeyAsync("k-a");
        var disabled = await Pool.UpdateAccountAsync(a.Id, new UpdateAccountRequest { Enabled = false, Label = "work" });
        Assert.Equal("disabled", disabled.Value!.State.Status);
        Assert.Equal("work", disabled.Value.Label);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Pool.LeaseAsync(new LeaseRequest { Model = "m" })).StatusCode);

        Assert.Equal("active", (await Pool.UpdateAccountAsync(a.Id, new UpdateAccountRequest { Enabled = true })).Value!.State.Status);
        Assert.Equal(a.Id, (await LeaseAsync("m")).AccountId);

        Assert.Equal(HttpStatusCode.NoContent, (await Pool.DeleteAccountAsync(a.Id)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Pool.DeleteAccountAsync(a.Id)).StatusCode);
        Assert.Empty((await Pool.ListAccountsAsync()).Value!);
    }

    [Fact]
    public async Task Google_sign_in_builds_the_consent_url_and_the_code_becomes_an_account()
    {
        var start = (await Pool.StartOAuthAsync("http://127.0.0.1:9000/auth/callback")).Value!;
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(start.AuthorizeUrl).Query);
        Assert.Equal("offline", query["access_type"]);
        Assert.Equal("consent", query["prompt"]);
        Assert.Equal(start.State, query["state"]);
        Assert.Contains("https://www.googleapis.com/auth/cclog", query["scope"].ToString());

        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var consent = await browser.GetAsync(start.AuthorizeUrl);
        var callback = consent.Headers.Location!;
        Assert.StartsWith("http://127.0.0.1:9000/auth/callback", callback.ToString());

        // The "paste the code" path: the whole callback URL is accepted.
        var added = await Pool.ExchangeOAuthCodeAsync(new OAuthExchangeRequest { Code = callback.ToString() });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.EndsWith("@emulator.test", added.Value!.Email);
        Assert.Equal(AccountKinds.Antigravity, added.Value.Kind);

        var replay = await Pool.ExchangeOAuthCodeAsync(new OAuthExchangeRequest { Code = "x", State = start.State });
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Equal("state", replay.Error!.Field);
    }

    [Fact]
    public async Task Antigravity_Tools_folder_and_our_export_import()
    {
        var folder = JsonDocument.Parse("""
            {"accountsJson":{"version":"2.0","accounts":[{"id":"a1","email":"ultra@emulator.test","name":"Ulla","created_at":1,"last_used":2}],"current_account_id":"a1"},
             "accounts":{"a1.json":{"id":"a1","email":"ultra@emulator.test","name":"Ulla","token":{"access_token":"old","refresh_token":"emulator-refresh-1","expires_in":3599,"expiry_timestamp":1,"token_type":"Bearer","project_id":"emulator-project-1"},"disabled":false,"created_at":1,"last_used":2},
                         "broken.json":{"id":"broken","email":"x@y","token":{}}}}
            """).RootElement;

        var imported = (await Pool.ImportAsync(folder)).Value!;

        var account = Assert.Single(imported.Added);
        Assert.Equal("ultra@emulator.test", account.Email);
        Assert.Equal("emulator-project-1", account.ProjectId);
        Assert.Single(imported.Errors);
        Assert.Equal(account.Id, (await LeaseAsync("gemini-2.5-pro")).AccountId); // token fetched on first lease

        await AddGeminiKeyAsync("gemini-export-key");
        var export = (await Pool.ExportAsync()).Value!;
        Assert.Equal(2, export.Accounts.Count);
        foreach (var a in (await Pool.ListAccountsAsync()).Value!)
        {
            await Pool.DeleteAccountAsync(a.Id);
        }
        var again = (await Pool.ImportAsync(JsonSerializer.SerializeToElement(export, PoolJsonContext.Default.AccountExport))).Value!;
        Assert.Equal(2, again.Added.Count);
        Assert.Equal(2, (await Pool.ImportAsync(JsonSerializer.SerializeToElement(export, PoolJsonContext.Default.AccountExport))).Value!.Skipped);
    }
}
