using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Antigravity.UpstreamEmulator.Tests.Infrastructure;

namespace Antigravity.UpstreamEmulator.Tests.CloudCode;

public sealed class ScriptedBehaviourTests(EmulatorFactory factory) : EmulatorTestBase(factory)
{
    private const string ErrorInfo = "type.googleapis.com/google.rpc.ErrorInfo";
    private const string RetryInfo = "type.googleapis.com/google.rpc.RetryInfo";

    private async Task<HttpResponseMessage> GenerateAsync(string refreshToken = Ultra, string model = "gemini-2.5-flash", bool stream = false)
    {
        var project = refreshToken switch { Pro => "emulator-project-2", Free => "emulator-project-3", _ => "emulator-project-1" };
        return await CloudCodeAsync(stream ? "streamGenerateContent" : "generateContent",
            Envelope(model, GeminiRequest(UserText("Please write a reasonably long answer for this streaming test")), project),
            await AccessTokenAsync(refreshToken), stream ? "?alt=sse" : "");
    }

    [Fact]
    public async Task Quota_exhausted_carries_reset_delay_timestamp_and_retry_info_then_clears()
    {
        await BehaviourAsync(new JsonObject
        {
            ["target"] = Ultra, ["model"] = "*", ["action"] = "quota_exhausted", ["quotaResetDelay"] = "3600s", ["times"] = 1,
        });

        using var limited = await GenerateAsync();
        using var next = await GenerateAsync();

        var error = await GoogleErrorAsync(limited, 429, "RESOURCE_EXHAUSTED");
        Assert.Equal("You have exhausted your capacity on this model. Your quota will reset after 1h0m0s.", error["message"]!.GetValue<string>());
        var info = Detail(error, ErrorInfo);
        Assert.Equal("QUOTA_EXHAUSTED", info["reason"]!.GetValue<string>());
        Assert.Equal("cloudcode-pa.googleapis.com", info["domain"]!.GetValue<string>());
        var metadata = info["metadata"]!.AsObject();
        Assert.Equal("3600s", metadata["quotaResetDelay"]!.GetValue<string>());
        Assert.Equal("gemini-2.5-flash", metadata["model"]!.GetValue<string>());
        var stamp = DateTimeOffset.Parse(metadata["quotaResetTimeStamp"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(stamp - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(58), TimeSpan.FromMinutes(61));
        Assert.Equal("3600s", Detail(error, RetryInfo)["retryDelay"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task Rules_apply_only_to_their_target_and_model()
    {
        await BehaviourAsync(new JsonObject { ["target"] = "pro@emulator.test", ["model"] = "claude-*", ["action"] = "rate_limited" });

        using var otherAccount = await GenerateAsync(Ultra, "claude-sonnet-4-6");
        using var otherModel = await GenerateAsync(Pro, "gemini-2.5-flash");
        using var hit = await GenerateAsync(Pro, "claude-sonnet-4-6");
        using var stillHit = await GenerateAsync(Pro, "claude-sonnet-4-6");

        Assert.Equal(HttpStatusCode.OK, otherAccount.StatusCode);
        Assert.Equal(HttpStatusCode.OK, otherModel.StatusCode);
        var error = await GoogleErrorAsync(hit, 429, "RESOURCE_EXHAUSTED");
        Assert.Equal("RATE_LIMIT_EXCEEDED", Detail(error, ErrorInfo)["reason"]!.GetValue<string>());
        Assert.Equal("5s", Detail(error, RetryInfo)["retryDelay"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.TooManyRequests, stillHit.StatusCode);
    }

    [Fact]
    public async Task Capacity_exhausted_with_retry_after_header()
    {
        await BehaviourAsync(new JsonObject { ["action"] = "capacity_exhausted", ["retryAfter"] = 7, ["times"] = 1 });

        using var response = await GenerateAsync();

        var error = await GoogleErrorAsync(response, 429, "RESOURCE_EXHAUSTED");
        Assert.Equal("MODEL_CAPACITY_EXHAUSTED", Detail(error, ErrorInfo)["reason"]!.GetValue<string>());
        Assert.Equal("7", response.Headers.GetValues("Retry-After").Single());
    }

    [Fact]
    public async Task Validation_required_carries_the_validation_url()
    {
        await BehaviourAsync(new JsonObject
        {
            ["action"] = "validation_required", ["validationUrl"] = "https://accounts.google.com/signin/continue?emu=1", ["times"] = 1,
        });

        using var response = await GenerateAsync();

        var error = await GoogleErrorAsync(response, 403, "PERMISSION_DENIED");
        var info = Detail(error, ErrorInfo);
        Assert.Equal("VALIDATION_REQUIRED", info["reason"]!.GetValue<string>());
        Assert.Equal("https://accounts.google.com/signin/continue?emu=1", info["metadata"]!["validation_url"]!.GetValue<string>());
        Assert.Equal("https://accounts.google.com/signin/continue?emu=1",
            Detail(error, "type.googleapis.com/google.rpc.Help")["links"]![0]!["url"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("unauthorized", 401, "UNAUTHENTICATED", null)]
    [InlineData("forbidden", 403, "PERMISSION_DENIED", null)]
    [InlineData("server_error", 500, "INTERNAL", null)]
    [InlineData("server_error", 503, "UNAVAILABLE", 503)]
    public async Task Failures_answer_with_googles_status(string action, int status, string grpcStatus, int? requested)
    {
        var rule = new JsonObject { ["action"] = action, ["times"] = 1 };
        if (requested is int code)
        {
            rule["status"] = code;
        }
        await BehaviourAsync(rule);

        using var response = await GenerateAsync();

        await GoogleErrorAsync(response, status, grpcStatus);
    }

    [Fact]
    public async Task Generation_rules_leave_account_calls_alone_unless_scoped_any()
    {
        await BehaviourAsync(new JsonObject { ["action"] = "server_error", ["status"] = 503 });
        var token = await AccessTokenAsync();

        using var load = await CloudCodeAsync("loadCodeAssist", new JsonObject(), token);
        await BehaviourAsync(new JsonObject { ["action"] = "forbidden", ["scope"] = "any", ["times"] = 1 });
        using var loadAgain = await CloudCodeAsync("loadCodeAssist", new JsonObject(), token);

        Assert.Equal(HttpStatusCode.OK, load.StatusCode);
        await GoogleErrorAsync(loadAgain, 403, "PERMISSION_DENIED");
    }

    [Fact]
    public async Task Slow_first_byte_delays_the_answer()
    {
        await BehaviourAsync(new JsonObject { ["action"] = "slow_first_byte", ["delayMs"] = 400, ["times"] = 1 });
        var token = await AccessTokenAsync();
        var stopwatch = Stopwatch.StartNew();

        using var response = await CloudCodeAsync("streamGenerateContent",
            Envelope("gemini-2.5-flash", GeminiRequest(UserText("hi"))), token, "?alt=sse");

        Assert.True(stopwatch.ElapsedMilliseconds >= 380, $"first byte after {stopwatch.ElapsedMilliseconds} ms");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Cut_stream_ends_the_connection_after_the_scripted_events()
    {
        await BehaviourAsync(new JsonObject { ["action"] = "cut_stream", ["afterEvents"] = 2, ["times"] = 1 });

        using var response = await GenerateAsync(stream: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = new StringBuilder();
        var stream = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[256];
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                received.Append(Encoding.UTF8.GetString(buffer, 0, read));
            }
        });
        var events = SseReader.Google(received.ToString());
        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.Null(e.Json["response"]!["candidates"]![0]!["finishReason"]));
    }

    [Fact]
    public async Task Cut_stream_truncates_a_whole_body_answer()
    {
        await BehaviourAsync(new JsonObject { ["action"] = "cut_stream", ["times"] = 1 });

        using var response = await GenerateAsync();

        await Assert.ThrowsAnyAsync<Exception>(() => response.Content.ReadAsStringAsync());
    }
}
