using System.Net;
using Antigravity.Dashboard.Tests.Infrastructure;

namespace Antigravity.Dashboard.Tests.Api;

/// <summary>
/// The structured settings of <c>PATCH /api/proxy/config</c> (model mapping, Anthropic dispatch, scheduling,
/// monitor) and <c>POST /api/proxy/start|stop</c>: stored for every replica, refused field by field.
/// </summary>
public sealed class ProxySettingsSectionsApiTests(GarnetFixture garnet) : IClassFixture<GarnetFixture>, IAsyncLifetime
{
    private const string Password = "admin-password-for-tests";
    private readonly FakeAccountPool _pool = new();
    private DashboardFactory _app = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        await garnet.ResetAsync();
        _app = new DashboardFactory(garnet.ConnectionString, new Dictionary<string, string?> { ["Dashboard:AdminPassword"] = Password }, pool: _pool);
        _admin = _app.CreateAdminClient(Password);
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Model_mapping_and_dispatch_are_stored_and_shown()
    {
        using var response = await Json.PatchAsync(_admin, """{"modelMapping":{"gpt-4o":"gemini-2.5-pro","claude-*":"claude-sonnet-4-6"},"anthropicDispatch":"fallback"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = (await garnet.Store.GetAsync())!;
        Assert.Equal("gemini-2.5-pro", stored.ModelMapping["gpt-4o"]);
        Assert.Equal("claude-sonnet-4-6", stored.ModelMapping["claude-*"]);
        Assert.Equal("fallback", stored.AnthropicDispatch);
        var body = await Json.ReadAsync(response);
        Assert.Equal("gemini-2.5-pro", body.GetProperty("modelMapping").GetProperty("gpt-4o").GetString());
        Assert.Equal("fallback", body.GetProperty("anthropicDispatch").GetString());
    }

    [Fact]
    public async Task An_empty_object_clears_the_mapping()
    {
        (await Json.PatchAsync(_admin, """{"modelMapping":{"a":"b"}}""")).Dispose();

        using var response = await Json.PatchAsync(_admin, """{"modelMapping":{}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty((await garnet.Store.GetAsync())!.ModelMapping);
    }

    [Theory]
    [InlineData("""{"modelMapping":{"gpt-4o":5}}""", "modelMapping.gpt-4o", "must be a string")]
    [InlineData("""{"modelMapping":{"*":"gemini-2.5-pro"}}""", "modelMapping", "matches every model")]
    [InlineData("""{"modelMapping":{"gpt-4o":"gemini-*"}}""", "modelMapping", "without '*'")]
    [InlineData("""{"modelMapping":["gpt-4o"]}""", "modelMapping", "must be an object")]
    [InlineData("""{"anthropicDispatch":"sometimes"}""", "anthropicDispatch", "off, exclusive, pooled, fallback")]
    [InlineData("""{"scheduling":{"mode":"random"}}""", "scheduling", "scheduling.mode must be one of")]
    [InlineData("""{"scheduling":{"maxWaitSeconds":"60"}}""", "scheduling.maxWaitSeconds", "wrong JSON type")]
    [InlineData("""{"scheduling":{"quotaProtection":{"thresholdPercent":150}}}""", "scheduling", "thresholdPercent must be between 0 and 100")]
    [InlineData("""{"scheduling":{"quotaProtection":{"level":1}}}""", "scheduling.quotaProtection.level", "Unknown field")]
    [InlineData("""{"scheduling":{"speed":1}}""", "scheduling.speed", "Unknown field")]
    [InlineData("""{"monitor":{"maxRecords":5}}""", "monitor", "monitor.maxRecords must be between")]
    [InlineData("""{"monitor":{"logBodies":"yes"}}""", "monitor.logBodies", "wrong JSON type")]
    [InlineData("""{"monitor":{"maxRecords":"many"}}""", "monitor.maxRecords", "wrong JSON type")]
    [InlineData("""{"scheduling":{"backoffSeconds":["60"]}}""", "scheduling.backoffSeconds", "wrong JSON type")]
    public async Task Bad_values_are_refused_naming_the_field_and_nothing_is_stored(string patch, string field, string words)
    {
        // The dashboard creates the document at start (the API key's encryption makes that take a moment).
        await Antigravity.Testing.Eventually.WaitUntilAsync(async () => await garnet.Store.GetAsync() is not null, TimeSpan.FromSeconds(10), "the settings exist");
        var before = (await garnet.Store.GetAsync())?.Revision;

        using var response = await Json.PatchAsync(_admin, patch);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Json.ReadAsync(response);
        Assert.Equal(field, Json.ErrorField(body));
        Assert.Contains(words, Json.ErrorMessage(body), StringComparison.Ordinal);
        Assert.Equal(before, (await garnet.Store.GetAsync())?.Revision);
    }

    [Fact]
    public async Task Scheduling_fields_change_one_by_one_and_the_rest_is_kept()
    {
        (await Json.PatchAsync(_admin, """{"scheduling":{"mode":"cache_first","maxWaitSeconds":30,"preferredAccountId":"acc-1"}}""")).Dispose();

        using var response = await Json.PatchAsync(_admin, """{"scheduling":{"quotaProtection":{"enabled":true},"preferredAccountId":null},"monitor":{"logBodies":true}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = (await garnet.Store.GetAsync())!;
        Assert.Equal("cache_first", stored.Scheduling.Mode);
        Assert.Equal(30, stored.Scheduling.MaxWaitSeconds);
        Assert.Null(stored.Scheduling.PreferredAccountId);
        Assert.True(stored.Scheduling.QuotaProtection.Enabled);
        Assert.Equal(10, stored.Scheduling.QuotaProtection.ThresholdPercent);
        Assert.True(stored.Monitor.LogBodies);
        Assert.Equal(10_000, stored.Monitor.MaxRecords);
    }

    [Fact]
    public async Task Stop_then_start_switch_the_proxy_when_the_pool_has_an_account()
    {
        using var stopped = await _admin.PostAsync("/api/proxy/stop", null);
        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        Assert.False((await garnet.Store.GetAsync())!.Enabled);

        using var started = await _admin.PostAsync("/api/proxy/start", null);
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        Assert.True((await Json.ReadAsync(started)).GetProperty("enabled").GetBoolean());
        Assert.True((await garnet.Store.GetAsync())!.Enabled);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("""[{"id":"a","kind":"antigravity","enabled":false,"state":{"status":"disabled"},"createdAt":"2026-01-01T00:00:00Z"},{"id":"b","kind":"antigravity","enabled":true,"state":{"status":"invalid_grant"},"createdAt":"2026-01-01T00:00:00Z"}]""")]
    public async Task Start_is_refused_with_the_references_message_when_no_account_can_serve(string accounts)
    {
        (await _admin.PostAsync("/api/proxy/stop", null)).Dispose();
        _pool.AccountsJson = accounts;

        using var start = await _admin.PostAsync("/api/proxy/start", null);
        using var patch = await Json.PatchAsync(_admin, """{"enabled":true}""");

        Assert.Equal(HttpStatusCode.Conflict, start.StatusCode);
        Assert.Equal("No available accounts, please add an account first", Json.ErrorMessage(await Json.ReadAsync(start)));
        Assert.Equal(HttpStatusCode.Conflict, patch.StatusCode);
        Assert.False((await garnet.Store.GetAsync())!.Enabled);
    }

    [Fact]
    public async Task An_anthropic_compatible_provider_alone_is_enough_to_start()
    {
        (await _admin.PostAsync("/api/proxy/stop", null)).Dispose();
        _pool.AccountsJson = """[{"id":"z","kind":"anthropic-compatible","label":"z.ai","enabled":true,"state":{"status":"active"},"createdAt":"2026-01-01T00:00:00Z"}]""";

        using var start = await _admin.PostAsync("/api/proxy/start", null);

        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        Assert.True((await garnet.Store.GetAsync())!.Enabled);
    }

    [Fact]
    public async Task Start_with_the_pool_unreachable_is_a_503_and_stopping_still_works()
    {
        (await _admin.PostAsync("/api/proxy/stop", null)).Dispose();
        _pool.Reachable = false;

        using var start = await _admin.PostAsync("/api/proxy/start", null);
        using var stop = await _admin.PostAsync("/api/proxy/stop", null);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, start.StatusCode);
        Assert.Contains("account pool", Json.ErrorMessage(await Json.ReadAsync(start)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
    }
}
