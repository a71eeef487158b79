using Antigravity.Contracts.Monitor;

namespace Antigravity.Dashboard.Tests.Infrastructure;

/// <summary>Monitor records as the gateway stores them, for the monitor API and page tests.</summary>
public static class MonitorRecords
{
    /// <summary>
    /// Record <c>req_<paramref name="n"/></c>: a chat completion (a Messages call for <c>anthropic</c>) of
    /// <paramref name="model"/> on <paramref name="account"/> (label <c>account@example.com</c>), 100·n tokens in and
    /// 10·n out unless given, failed with "upstream said no" when the status is 400 or more.
    /// </summary>
    public static MonitorRecord Of(
        int n, string protocol = "openai", string model = "gemini-2.5-flash", int status = 200, string account = "acc-1",
        int? input = null, int? output = null, long durationMs = 50, string? error = null, string? clientModel = null) => new()
    {
        Id = $"req_{n}",
        Time = DateTimeOffset.UtcNow,
        Status = status,
        Protocol = protocol,
        Method = "POST",
        Path = protocol == "anthropic" ? "/v1/messages" : "/v1/chat/completions",
        ClientModel = clientModel ?? model,
        UpstreamModel = model,
        AccountId = account,
        AccountLabel = account + "@example.com",
        InputTokens = input ?? 100 * n,
        OutputTokens = output ?? 10 * n,
        DurationMs = durationMs,
        Attempts = 1,
        Error = error ?? (status >= 400 ? "upstream said no" : null),
    };
}
