using System.Text;
using Antigravity.Contracts.Monitor;
using Antigravity.Gateway.Monitor;

namespace Antigravity.Gateway.Tests.Monitor;

/// <summary>How a finished request becomes what is stored: error shortened and redacted, bodies only when kept.</summary>
public sealed class MonitorWriterTests
{
    private const string ProxyKey = "sk-fedcba9876543210fedcba9876543210";

    private static MonitorRecord Record(string? error = null) => new()
    {
        Id = "req_1",
        Time = DateTimeOffset.UtcNow,
        Status = error is null ? 200 : 502,
        Protocol = "openai",
        Method = "POST",
        Path = "/v1/chat/completions",
        Error = error,
    };

    [Fact]
    public void Without_body_logging_only_the_summary_is_stored()
    {
        var (record, bodies) = MonitorWriter.Prepare(new MonitorEntry(Record(), null, null, null, null, false, null), [ProxyKey]);

        Assert.Null(bodies);
        Assert.Equal("req_1", record.Id);
        Assert.False(record.IsError);
    }

    [Fact]
    public void A_long_error_is_shortened_and_loses_the_secrets_it_quoted()
    {
        var error = "upstream refused Bearer ya29.a0secretsecretsecret with key " + ProxyKey + " " + new string('x', 2_000);

        var (record, _) = MonitorWriter.Prepare(new MonitorEntry(Record(error), null, null, null, null, false, null), [ProxyKey]);

        Assert.NotNull(record.Error);
        Assert.Equal(MonitorLimits.MaxErrorChars, record.Error!.Length);
        Assert.EndsWith("…", record.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(ProxyKey, record.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("ya29.a0secret", record.Error, StringComparison.Ordinal);
        Assert.True(record.IsError);
    }

    [Fact]
    public void Kept_headers_and_bodies_are_redacted_and_a_cut_response_says_so()
    {
        KeyValuePair<string, string>[] headers =
        [
            new("Authorization", "Bearer " + ProxyKey),
            new("x-api-key", ProxyKey),
            new("Content-Type", "application/json"),
            new("User-Agent", "test-client/1.0"),
        ];
        var request = Encoding.UTF8.GetBytes($$"""{"model":"m","messages":[{"role":"user","content":"key is {{ProxyKey}}"}]}""");
        var response = Encoding.UTF8.GetBytes("data: {\"candidates\":[]}\n\n");

        var (_, bodies) = MonitorWriter.Prepare(
            new MonitorEntry(Record(), headers, request, "application/json", response, true, "text/event-stream"), [ProxyKey]);

        Assert.NotNull(bodies);
        Assert.Equal(SecretRedactor.Mask, bodies!.RequestHeaders!["authorization"]);
        Assert.Equal(SecretRedactor.Mask, bodies.RequestHeaders["x-api-key"]);
        Assert.Equal("test-client/1.0", bodies.RequestHeaders["user-agent"]);
        Assert.Contains("\"model\": \"m\"", bodies.RequestBody, StringComparison.Ordinal);
        Assert.DoesNotContain(ProxyKey, bodies.RequestBody, StringComparison.Ordinal);
        Assert.False(bodies.RequestBodyTruncated);
        Assert.Equal("data: {\"candidates\":[]}\n\n", bodies.ResponseBody);
        Assert.True(bodies.ResponseBodyTruncated);
    }
}
