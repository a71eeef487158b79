using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Antigravity.Contracts.Settings;
using Antigravity.Contracts;
using Antigravity.Dashboard.Tests.Infrastructure;
using Antigravity.Testing;
using StackExchange.Redis;

namespace Antigravity.Dashboard.Tests.Api;

public sealed class ProxyConfigApiTests(GarnetFixture garnet) : IClassFixture<GarnetFixture>, IAsyncLifetime
{
    private const string Password = "admin-password-for-tests";
    private readonly List<DashboardFactory> _apps = [];

    public Task InitializeAsync() => garnet.ResetAsync();

    public async Task DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }
    }

    private HttpClient Admin(int port = 8045, bool allowLan = false)
    {
        var app = new DashboardFactory(garnet.ConnectionString, new Dictionary<string, string?>
        {
            ["Dashboard:AdminPassword"] = Password,
            ["Proxy:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Proxy:AllowLanAccess"] = allowLan ? "true" : "false",
        });
        _apps.Add(app);
        return app.CreateAdminClient(Password);
    }

    [Fact]
    public async Task Get_config_shows_the_start_up_options_and_the_first_start_defaults_in_camel_case()
    {
        using var client = Admin(port: 9123);

        using var response = await client.GetAsync("/api/proxy/config");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json.ReadAsync(response);
        Assert.Equal(9123, body.GetProperty("port").GetInt32());
        Assert.False(body.GetProperty("allowLanAccess").GetBoolean());
        Assert.Equal("auto", body.GetProperty("authMode").GetString());
        Assert.Equal("off", body.GetProperty("effectiveAuthMode").GetString());
        Assert.Contains("LAN access is off", body.GetProperty("effectiveAuthModeExplanation").GetString(), StringComparison.Ordinal);
        var apiKey = body.GetProperty("apiKey").GetString();
        Assert.Null(ApiKeys.Validate(apiKey));
        Assert.Equal(await garnet.StoredApiKeyAsync(), apiKey);
        Assert.True(body.GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task With_lan_access_auto_is_enforced_as_all_except_health()
    {
        using var client = Admin(allowLan: true);

        var body = await Json.ReadAsync(await client.GetAsync("/api/proxy/config"));

        Assert.True(body.GetProperty("allowLanAccess").GetBoolean());
        Assert.Equal("auto", body.GetProperty("authMode").GetString());
        Assert.Equal("all_except_health", body.GetProperty("effectiveAuthMode").GetString());
        Assert.Contains("LAN access is on", body.GetProperty("effectiveAuthModeExplanation").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Patch_auth_mode_is_stored_and_announced_to_the_gateways()
    {
        using var client = Admin();
        await client.GetAsync("/api/proxy/config");
        var announced = new ConcurrentQueue<string>();
        var subscription = await garnet.Redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(RedisKeys.SettingsChangedChannel));
        subscription.OnMessage(message => announced.Enqueue(message.Message.ToString()));

        using var response = await Json.PatchAsync(client, "{\"authMode\":\"strict\"}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json.ReadAsync(response);
        Assert.Equal("strict", body.GetProperty("authMode").GetString());
        Assert.Equal("strict", body.GetProperty("effectiveAuthMode").GetString());
        Assert.Contains("/healthz included", body.GetProperty("effectiveAuthModeExplanation").GetString(), StringComparison.Ordinal);
        var stored = await garnet.Store.GetAsync();
        Assert.Equal(ProxyAuthMode.Strict, stored!.AuthMode);
        Assert.Equal(2, stored.Revision);
        await Eventually.WaitUntilAsync(() => announced.Contains("2"), TimeSpan.FromSeconds(10), "revision 2 was published on " + RedisKeys.SettingsChangedChannel);
    }

    [Fact]
    public async Task Patch_api_key_and_enabled_are_stored_and_the_rest_is_kept()
    {
        using var client = Admin();
        await Json.PatchAsync(client, "{\"authMode\":\"all_except_health\"}");

        using var response = await Json.PatchAsync(client, "{\"apiKey\":\"sk-my-own-key-123\",\"enabled\":false}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = (await garnet.Store.GetAsync())!;
        Assert.Equal("sk-my-own-key-123", await garnet.StoredApiKeyAsync());
        // Redis holds its hash and an encrypted copy, never the key itself.
        var raw = (string?)await garnet.Redis.GetDatabase().StringGetAsync(Antigravity.Contracts.RedisKeys.ProxySettings);
        Assert.DoesNotContain("my-own-key-123", raw, StringComparison.Ordinal);
        Assert.False(stored.Enabled);
        Assert.Equal(ProxyAuthMode.AllExceptHealth, stored.AuthMode);
        var body = await Json.ReadAsync(await client.GetAsync("/api/proxy/config"));
        Assert.Equal("sk-my-own-key-123", body.GetProperty("apiKey").GetString());
        Assert.False(body.GetProperty("enabled").GetBoolean());
    }

    [Theory]
    [InlineData("{\"authMode\":\"sometimes\"}", "authMode", "off, strict, all_except_health, auto")]
    [InlineData("{\"authMode\":3}", "authMode", "must be a string")]
    [InlineData("{\"authMode\":null}", "authMode", "must be a string")]
    [InlineData("{\"apiKey\":\"key-without-prefix\"}", "apiKey", "sk-")]
    [InlineData("{\"apiKey\":\"sk-short\"}", "apiKey", "at least 10")]
    [InlineData("{\"apiKey\":\"sk-has a space\"}", "apiKey", "without spaces")]
    [InlineData("{\"apiKey\":\"\"}", "apiKey", "must not be empty")]
    [InlineData("{\"apiKey\":12345678901}", "apiKey", "must be a string")]
    [InlineData("{\"enabled\":\"yes\"}", "enabled", "true or false")]
    [InlineData("{\"port\":9000}", "port", "--port")]
    [InlineData("{\"allowLanAccess\":true}", "allowLanAccess", "--allow-lan")]
    [InlineData("{\"effectiveAuthMode\":\"off\"}", "effectiveAuthMode", "cannot be set")]
    [InlineData("{\"authMode\":\"off\",\"colour\":\"blue\"}", "colour", "Unknown field")]
    public async Task Invalid_values_are_refused_with_400_naming_the_field_and_nothing_changes(string json, string field, string hint)
    {
        using var client = Admin();
        var before = await Json.ReadAsync(await client.GetAsync("/api/proxy/config"));

        using var response = await Json.PatchAsync(client, json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Json.ReadAsync(response);
        Assert.Equal(field, Json.ErrorField(body));
        Assert.Contains(field, Json.ErrorMessage(body), StringComparison.Ordinal);
        Assert.Contains(hint, Json.ErrorMessage(body), StringComparison.Ordinal);
        var stored = await garnet.Store.GetAsync();
        Assert.Equal(before.GetProperty("revision").GetInt64(), stored!.Revision);
        Assert.Equal(before.GetProperty("apiKey").GetString(), await garnet.StoredApiKeyAsync());
    }

    [Theory]
    [InlineData("{\"authMode\":", "not valid JSON")]
    [InlineData("", "not valid JSON")]
    [InlineData("[\"strict\"]", "JSON object")]
    [InlineData("{}", "Nothing to change")]
    public async Task Malformed_bodies_are_refused_with_400(string json, string hint)
    {
        using var client = Admin();

        using var response = await Json.PatchAsync(client, json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(hint, Json.ErrorMessage(await Json.ReadAsync(response)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_refused_with_415()
    {
        using var client = Admin();

        using var response = await client.PatchAsync("/api/proxy/config", new FormUrlEncodedContent(new Dictionary<string, string> { ["authMode"] = "off" }));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("application/json", Json.ErrorMessage(await Json.ReadAsync(response)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Regenerate_returns_a_new_valid_key_that_replaces_the_old_one()
    {
        using var client = Admin();
        var old = (await Json.ReadAsync(await client.GetAsync("/api/proxy/config"))).GetProperty("apiKey").GetString();

        using var response = await client.PostAsync("/api/proxy/api-key", content: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var fresh = (await Json.ReadAsync(response)).GetProperty("apiKey").GetString();
        Assert.Null(ApiKeys.Validate(fresh));
        Assert.NotEqual(old, fresh);
        Assert.Equal(fresh, await garnet.StoredApiKeyAsync());
        Assert.Equal(fresh, (await Json.ReadAsync(await client.GetAsync("/api/proxy/config"))).GetProperty("apiKey").GetString());
    }

    [Fact]
    public async Task Status_shows_running_state_and_the_base_urls_for_clients()
    {
        using var client = Admin(port: 9555);
        await Json.PatchAsync(client, "{\"enabled\":false}");

        var body = await Json.ReadAsync(await client.GetAsync("/api/proxy/status"));

        Assert.Equal("stopped", body.GetProperty("status").GetString());
        Assert.Equal("127.0.0.1", body.GetProperty("bindAddress").GetString());
        var urls = body.GetProperty("baseUrls");
        Assert.Equal("http://127.0.0.1:9555/v1", urls.GetProperty("openAi").GetString());
        Assert.Equal("http://127.0.0.1:9555", urls.GetProperty("anthropic").GetString());
        Assert.Equal("http://127.0.0.1:9555", urls.GetProperty("gemini").GetString());
    }

    [Fact]
    public async Task A_setting_changed_by_another_replica_is_what_get_returns()
    {
        using var first = Admin();
        using var second = Admin();
        await first.GetAsync("/api/proxy/config");

        await Json.PatchAsync(first, "{\"authMode\":\"off\"}");

        var seen = await Json.ReadAsync(await second.GetAsync("/api/proxy/config"));
        Assert.Equal("off", seen.GetProperty("authMode").GetString());
        Assert.Equal(JsonValueKind.Number, seen.GetProperty("revision").ValueKind);
    }
}
