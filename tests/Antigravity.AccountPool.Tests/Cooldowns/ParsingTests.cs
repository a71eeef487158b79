using Antigravity.AccountPool.Cooldowns;

namespace Antigravity.AccountPool.Tests.Cooldowns;

public sealed class ParsingTests
{
    [Theory]
    [InlineData("3600s", 3600)]
    [InlineData("42s", 42)]
    [InlineData("0.5s", 0.5)]
    [InlineData("1h16m0.667s", 4560.667)]
    [InlineData("2m", 120)]
    [InlineData("500ms", 0.5)]
    [InlineData(" 10s ", 10)]
    public void Google_durations_parse(string text, double seconds) =>
        Assert.Equal(seconds, GoogleDuration.Parse(text)!.Value.TotalSeconds, 3);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("10x")]
    [InlineData("-5s")]
    public void Bad_durations_are_null(string? text) => Assert.Null(GoogleDuration.Parse(text));

    [Fact]
    public void Retry_after_reads_seconds_and_http_dates()
    {
        var now = new DateTimeOffset(2026, 11, 22, 6, 0, 0, TimeSpan.Zero);
        Assert.Equal(TimeSpan.FromSeconds(120), RetryAfterHeader.Parse("120", now));
        Assert.Equal(TimeSpan.FromSeconds(90), RetryAfterHeader.Parse("Sun, 22 Nov 2026 06:01:30 GMT", now));
        Assert.Equal(TimeSpan.Zero, RetryAfterHeader.Parse("Sun, 22 Nov 2026 05:00:00 GMT", now));
        Assert.Null(RetryAfterHeader.Parse("later", now));
        Assert.Null(RetryAfterHeader.Parse(null, now));
    }

    [Fact]
    public void Google_error_bodies_give_reason_quota_reset_and_retry_delay()
    {
        var error = UpstreamError.Parse("""
            {"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED","details":[
              {"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"QUOTA_EXHAUSTED","metadata":{"quotaResetDelay":"1h16m0.667s","quotaResetTimeStamp":"2026-11-22T07:16:00Z"}},
              {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"42s"}]}}
            """);

        Assert.Equal("RESOURCE_EXHAUSTED", error.Status);
        Assert.Equal("QUOTA_EXHAUSTED", error.Reason);
        Assert.Equal(4560.667, error.QuotaResetDelay!.Value.TotalSeconds, 3);
        Assert.Equal(TimeSpan.FromSeconds(42), error.RetryDelay);
        Assert.False(error.ValidationRequired);
    }

    [Fact]
    public void Oauth_and_validation_errors_and_garbage_are_understood()
    {
        Assert.Equal("invalid_grant", UpstreamError.Parse("""{"error":"invalid_grant","error_description":"Token has been expired or revoked."}""").Status);
        var validation = UpstreamError.Parse("""{"error":{"code":403,"status":"PERMISSION_DENIED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"VALIDATION_REQUIRED","metadata":{"validation_url":"https://x.test/v"}}]}}""");
        Assert.True(validation.ValidationRequired);
        Assert.Equal("https://x.test/v", validation.ValidationUrl);
        Assert.Equal("upstream exploded", UpstreamError.Parse("upstream exploded").Message);
        Assert.Null(UpstreamError.Parse(null).Reason);
        Assert.Equal("RATE_LIMIT_EXCEEDED", UpstreamError.Parse("""[{"error":{"code":429,"details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"RATE_LIMIT_EXCEEDED"}]}}]""").Reason);
    }

    [Theory]
    [InlineData(0, 60)]
    [InlineData(1, 300)]
    [InlineData(2, 1800)]
    [InlineData(3, 7200)]
    [InlineData(9, 7200)]
    public void The_backoff_ladder_escalates_and_stays_on_its_last_step(long previousFailures, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), BackoffLadder.Step(null, previousFailures));
}
