using System.Net;
using System.Text.Json;
using Antigravity.Contracts.Monitor;
using Antigravity.Dashboard.Tests.Infrastructure;
using Antigravity.Testing;

namespace Antigravity.Dashboard.Tests.Api;

/// <summary><c>/api/monitor/*</c> and <c>/api/stats/*</c> over records stored the way the gateway stores them.</summary>
public sealed class MonitorApiTests(GarnetFixture garnet) : IClassFixture<GarnetFixture>, IAsyncLifetime
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

    private MonitorStore Store => new(garnet.Redis);

    private HttpClient Admin(int heartbeatSeconds = 15)
    {
        var app = new DashboardFactory(garnet.ConnectionString, new Dictionary<string, string?>
        {
            ["Dashboard:AdminPassword"] = Password,
            ["Dashboard:Monitor:HeartbeatSeconds"] = heartbeatSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        _apps.Add(app);
        return app.CreateAdminClient(Password);
    }

    [Fact]
    public async Task The_list_is_newest_first_pages_with_the_cursor_and_filters()
    {
        for (var n = 1; n <= 5; n++)
        {
            await Store.AppendAsync(MonitorRecords.Of(n, n == 3 ? "anthropic" : "openai", status: n == 4 ? 503 : 200), null, 100);
        }
        using var client = Admin();

        var first = await Json.ReadAsync(await client.GetAsync("/api/monitor/requests?limit=2"));
        var second = await Json.ReadAsync(await client.GetAsync($"/api/monitor/requests?limit=2&before={first.GetProperty("nextCursor").GetString()}"));
        var errors = await Json.ReadAsync(await client.GetAsync("/api/monitor/requests?errorsOnly=true"));
        var anthropic = await Json.ReadAsync(await client.GetAsync("/api/monitor/requests?protocol=Anthropic"));
        var text = await Json.ReadAsync(await client.GetAsync("/api/monitor/requests?q=said%20no"));

        Assert.Equal(["req_5", "req_4"], Ids(first));
        Assert.Equal(5, first.GetProperty("total").GetInt64());
        Assert.Equal(["req_3", "req_2"], Ids(second));
        Assert.Equal(["req_4"], Ids(errors));
        Assert.Equal(["req_3"], Ids(anthropic));
        Assert.Equal(["req_4"], Ids(text));
        var item = first.GetProperty("items")[1];
        Assert.Equal(503, item.GetProperty("status").GetInt32());
        Assert.True(item.GetProperty("isError").GetBoolean());
        Assert.Equal("acc-1@example.com", item.GetProperty("accountLabel").GetString());
        Assert.Equal(400, item.GetProperty("inputTokens").GetInt32());
        Assert.Equal("upstream said no", item.GetProperty("error").GetString());
        Assert.True(item.GetProperty("seq").GetInt64() > 0);
    }

    [Theory]
    [InlineData("/api/monitor/requests?errorsOnly=maybe", "errorsOnly")]
    [InlineData("/api/monitor/requests?protocol=grpc", "protocol")]
    [InlineData("/api/monitor/requests?limit=0", "limit")]
    [InlineData("/api/monitor/requests?limit=501", "limit")]
    [InlineData("/api/monitor/requests?limit=ten", "limit")]
    [InlineData("/api/monitor/requests?before=-3", "before")]
    [InlineData("/api/monitor/requests?model=a&model=b", "model")]
    [InlineData("/api/monitor/stream?protocol=grpc", "protocol")]
    [InlineData("/api/stats/tokens?range=month", "range")]
    [InlineData("/api/stats/tokens?by=team", "by")]
    public async Task A_bad_query_value_is_a_400_naming_the_parameter(string url, string field)
    {
        using var client = Admin();

        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Json.ReadAsync(response);
        Assert.Equal(field, Json.ErrorField(body));
        Assert.Contains(field, Json.ErrorMessage(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_detail_has_the_bodies_when_kept_an_unknown_id_is_a_404_and_clear_empties_the_list()
    {
        await Store.AppendAsync(MonitorRecords.Of(1), new MonitorBodies { RequestBody = "{\"model\":\"m\"}", ResponseBody = "data: {}\n\n", ResponseBodyTruncated = true }, 100);
        await Store.AppendAsync(MonitorRecords.Of(2), null, 100);
        using var client = Admin();

        var withBodies = await Json.ReadAsync(await client.GetAsync("/api/monitor/requests/req_1"));
        var without = await Json.ReadAsync(await client.GetAsync("/api/monitor/requests/req_2"));
        using var missing = await client.GetAsync("/api/monitor/requests/req_404");
        using var clear = await client.DeleteAsync("/api/monitor/requests");
        var after = await Json.ReadAsync(await client.GetAsync("/api/monitor/requests"));

        Assert.True(withBodies.GetProperty("record").GetProperty("hasBodies").GetBoolean());
        Assert.Equal("{\"model\":\"m\"}", withBodies.GetProperty("bodies").GetProperty("requestBody").GetString());
        Assert.True(withBodies.GetProperty("bodies").GetProperty("responseBodyTruncated").GetBoolean());
        Assert.Equal(JsonValueKind.Null, without.GetProperty("bodies").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("req_404", Json.ErrorMessage(await Json.ReadAsync(missing)), StringComparison.Ordinal);
        Assert.Equal(2, (await Json.ReadAsync(clear)).GetProperty("deleted").GetInt64());
        Assert.Equal(0, after.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("nextCursor").ValueKind);
    }

    [Fact]
    public async Task The_stream_sends_new_records_matching_its_filter_as_events_and_heartbeats_while_idle()
    {
        using var client = Admin(heartbeatSeconds: 1);
        using var response = await client.GetAsync("/api/monitor/stream?protocol=anthropic", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal(": connected", await reader.ReadLineAsync());

        // The stream is open (its first comment arrived): records stored from now on are relayed.
        var ignored = await Store.AppendAsync(MonitorRecords.Of(1, "openai"), null, 100);
        var relayed = await Store.AppendAsync(MonitorRecords.Of(2, "anthropic"), null, 100);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        string? eventName = null, id = null, data = null;
        var heartbeats = 0;
        while (data is null || heartbeats == 0)
        {
            var line = await reader.ReadLineAsync(timeout.Token);
            Assert.NotNull(line);
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                eventName = line["event: ".Length..];
            }
            else if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line["id: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                Assert.Null(data);
                data = line["data: ".Length..];
            }
            else if (line == ": heartbeat")
            {
                heartbeats++;
            }
        }

        Assert.Equal("request", eventName);
        Assert.Equal(relayed.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture), id);
        using var record = JsonDocument.Parse(data);
        Assert.Equal("req_2", record.RootElement.GetProperty("id").GetString());
        Assert.Equal("anthropic", record.RootElement.GetProperty("protocol").GetString());
        Assert.NotEqual(ignored.Id, record.RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Token_statistics_are_series_by_model_or_account_and_the_summary_counts_today()
    {
        await Store.AppendAsync(MonitorRecords.Of(1, model: "gemini-2.5-pro", account: "acc-a"), null, 100);
        await Store.AppendAsync(MonitorRecords.Of(2, model: "gemini-2.5-pro", account: "acc-b"), null, 100);
        await Store.AppendAsync(MonitorRecords.Of(3, model: "claude-sonnet-4-5", account: "acc-a", status: 429), null, 100);
        using var client = Admin();

        var byModel = await Json.ReadAsync(await client.GetAsync("/api/stats/tokens"));
        var byAccount = await Json.ReadAsync(await client.GetAsync("/api/stats/tokens?range=hour&by=account"));
        var week = await Json.ReadAsync(await client.GetAsync("/api/stats/tokens?range=week"));
        var summary = await Json.ReadAsync(await client.GetAsync("/api/stats/summary"));

        Assert.Equal("day", byModel.GetProperty("range").GetString());
        Assert.Equal(3600, byModel.GetProperty("bucketSeconds").GetInt32());
        Assert.Equal(24, byModel.GetProperty("buckets").GetArrayLength());
        Assert.Equal(3, byModel.GetProperty("totals").GetProperty("requests").GetInt64());
        Assert.Equal(600, byModel.GetProperty("totals").GetProperty("inputTokens").GetInt64());
        // Equal tokens (330 each): the model with more requests comes first.
        var pro = byModel.GetProperty("series")[0];
        var claude = byModel.GetProperty("series")[1];
        Assert.Equal("gemini-2.5-pro", pro.GetProperty("key").GetString());
        Assert.Equal(2, pro.GetProperty("totals").GetProperty("requests").GetInt64());
        Assert.Equal(300, pro.GetProperty("totals").GetProperty("inputTokens").GetInt64());
        Assert.Equal(24, pro.GetProperty("points").GetArrayLength());
        Assert.Equal(300, pro.GetProperty("points")[23].GetProperty("inputTokens").GetInt64());
        Assert.Equal("claude-sonnet-4-5", claude.GetProperty("key").GetString());
        Assert.Equal(1, claude.GetProperty("totals").GetProperty("errors").GetInt64());

        Assert.Equal(60, byAccount.GetProperty("buckets").GetArrayLength());
        var accounts = byAccount.GetProperty("series").EnumerateArray().ToDictionary(s => s.GetProperty("key").GetString()!, s => s);
        Assert.Equal("acc-a@example.com", accounts["acc-a"].GetProperty("label").GetString());
        Assert.Equal(400, accounts["acc-a"].GetProperty("totals").GetProperty("inputTokens").GetInt64());
        Assert.Equal(2, accounts["acc-a"].GetProperty("totals").GetProperty("requests").GetInt64());

        Assert.Equal(7, week.GetProperty("buckets").GetArrayLength());
        Assert.Equal(3, week.GetProperty("buckets")[6].GetProperty("totals").GetProperty("requests").GetInt64());

        Assert.Equal(3, summary.GetProperty("lastFiveMinutes").GetProperty("requests").GetInt64());
        Assert.Equal(0.6, summary.GetProperty("lastFiveMinutes").GetProperty("requestsPerMinute").GetDouble());
        Assert.Equal(0.3333, summary.GetProperty("lastFiveMinutes").GetProperty("errorRate").GetDouble());
        Assert.Equal(60, summary.GetProperty("today").GetProperty("totals").GetProperty("outputTokens").GetInt64());
        Assert.Equal(3, summary.GetProperty("storedRecords").GetInt64());
        Assert.True(summary.GetProperty("monitorEnabled").GetBoolean());
    }

    [Fact]
    public async Task Without_the_admin_password_every_route_is_a_401_and_the_openapi_document_lists_them()
    {
        var app = new DashboardFactory(garnet.ConnectionString, new Dictionary<string, string?> { ["Dashboard:AdminPassword"] = Password });
        _apps.Add(app);
        using var anonymous = app.CreateBrowser();

        foreach (var url in (string[])["/api/monitor/requests", "/api/monitor/requests/x", "/api/monitor/stream", "/api/stats/tokens", "/api/stats/summary"])
        {
            using var response = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
        using var delete = await anonymous.DeleteAsync("/api/monitor/requests");
        Assert.Equal(HttpStatusCode.Unauthorized, delete.StatusCode);

        var document = await Json.ReadAsync(await anonymous.GetAsync("/openapi/v1.json"));
        var paths = document.GetProperty("paths");
        var list = paths.GetProperty("/api/monitor/requests");
        Assert.True(list.TryGetProperty("delete", out _));
        var parameters = list.GetProperty("get").GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Equal(["errorsOnly", "protocol", "model", "account", "q", "before", "limit"], parameters);
        Assert.True(paths.GetProperty("/api/monitor/requests/{id}").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/api/monitor/stream").GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("text/event-stream", out _));
        Assert.True(paths.GetProperty("/api/stats/tokens").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/api/stats/summary").TryGetProperty("get", out _));
        Assert.True(document.GetProperty("components").GetProperty("schemas").TryGetProperty("TokenStatsResponse", out _));
    }

    private static List<string?> Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString())];
}
