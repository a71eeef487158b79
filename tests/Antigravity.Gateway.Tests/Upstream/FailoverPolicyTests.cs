using Antigravity.Gateway.Errors;
using Antigravity.Gateway.Upstream;

namespace Antigravity.Gateway.Tests.Upstream;

public sealed class FailoverPolicyTests
{
    [Theory]
    [InlineData(0, true)]
    [InlineData(401, true)]
    [InlineData(403, true)]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(400, false)]
    [InlineData(404, false)]
    [InlineData(413, false)]
    public void Account_failures_go_to_the_pool_and_request_faults_do_not(int status, bool expected) =>
        Assert.Equal(expected, FailoverPolicy.IsAccountFailure(status));

    [Theory]
    [InlineData(0, true)]
    [InlineData(404, true)]
    [InlineData(408, true)]
    [InlineData(502, true)]
    [InlineData(429, false)]
    [InlineData(401, false)]
    [InlineData(400, false)]
    public void Only_network_errors_404_408_and_5xx_try_the_next_base_url(int status, bool expected) =>
        Assert.Equal(expected, FailoverPolicy.TryNextBaseUrl(status));

    [Fact]
    public void The_attempt_budget_stops_at_the_maximum()
    {
        Assert.True(FailoverPolicy.MayRetry(2, 3));
        Assert.False(FailoverPolicy.MayRetry(3, 3));
        Assert.True(FailoverPolicy.MayRetry(0, 0));
        Assert.False(FailoverPolicy.MayRetry(1, 0));
    }

    [Fact]
    public void Quota_failures_do_not_use_the_budget()
    {
        Assert.True(FailoverPolicy.IsQuotaFailure(429));
        Assert.False(FailoverPolicy.IsQuotaFailure(503));
    }

    [Fact]
    public void All_exhausted_is_a_rate_limit_with_retry_after()
    {
        var error = FailoverPolicy.AllExhausted(42);

        Assert.Equal(429, error.Status);
        Assert.Equal(ApiErrorKind.RateLimited, error.Kind);
        Assert.Equal(42, error.RetryAfterSeconds);
        Assert.StartsWith("All accounts exhausted", error.Message, StringComparison.Ordinal);
        Assert.Equal("rate_limit_error", ProtocolErrorWriter.AnthropicType(error.Kind));
    }

    [Theory]
    [InlineData(400, 400, "InvalidRequest")]
    [InlineData(404, 404, "NotFound")]
    [InlineData(401, 502, "BadGateway")]
    [InlineData(403, 502, "BadGateway")]
    [InlineData(429, 429, "RateLimited")]
    [InlineData(503, 503, "Overloaded")]
    [InlineData(500, 502, "BadGateway")]
    [InlineData(0, 502, "BadGateway")]
    public void Upstream_failures_map_to_client_statuses(int upstream, int client, string kind)
    {
        var error = FailoverPolicy.ToClientError(upstream, "detail", 30);

        Assert.Equal(client, error.Status);
        Assert.Equal(kind, error.Kind.ToString());
    }

    [Fact]
    public void Upstream_auth_failures_are_never_a_client_403_or_401()
    {
        Assert.NotEqual(403, FailoverPolicy.ToClientError(403, null, null).Status);
        Assert.NotEqual(401, FailoverPolicy.ToClientError(401, null, null).Status);
    }

    [Fact]
    public void Retry_after_reads_seconds_and_http_dates()
    {
        var now = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(30, FailoverPolicy.ParseRetryAfter("30", now));
        Assert.Equal(90, FailoverPolicy.ParseRetryAfter("Thu, 01 Jan 2026 12:01:30 GMT", now));
        Assert.Null(FailoverPolicy.ParseRetryAfter("soon", now));
        Assert.Null(FailoverPolicy.ParseRetryAfter(null, now));
    }

    [Fact]
    public void The_message_comes_from_google_and_array_error_bodies()
    {
        Assert.Equal("quota gone", FailoverPolicy.ExtractMessage("""{"error":{"code":429,"message":"quota gone","status":"RESOURCE_EXHAUSTED"}}"""));
        Assert.Equal("in array", FailoverPolicy.ExtractMessage("""[{"error":{"message":"in array"}}]"""));
        Assert.Null(FailoverPolicy.ExtractMessage("<html>bad gateway</html>"));
        Assert.Null(FailoverPolicy.ExtractMessage(""));
    }
}
