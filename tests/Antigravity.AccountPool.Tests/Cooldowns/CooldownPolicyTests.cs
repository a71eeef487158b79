using Antigravity.AccountPool.Cooldowns;
using Antigravity.Contracts.Leasing;

namespace Antigravity.AccountPool.Tests.Cooldowns;

public sealed class CooldownPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 6, 0, 0, TimeSpan.Zero);

    private static OutcomeDecision Decide(LeaseOutcome outcome, long failures = 0, bool refreshed = false) =>
        CooldownPolicy.Decide(outcome, "gemini-2.5-pro", failures, null, refreshed, Now);

    private static string Body(string reason, string? quotaResetDelay = null, string? retryDelay = null)
    {
        var metadata = quotaResetDelay is null ? "{}" : "{\"quotaResetDelay\":\"" + quotaResetDelay + "\"}";
        var retry = retryDelay is null ? "" : ",{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"" + retryDelay + "\"}";
        return "{\"error\":{\"code\":429,\"status\":\"RESOURCE_EXHAUSTED\",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"" + reason + "\",\"metadata\":" + metadata + "}" + retry + "]}}";
    }

    [Fact]
    public void Quota_exhaustion_waits_until_the_real_reset_without_a_cap()
    {
        var decision = Decide(new LeaseOutcome { Status = 429, ErrorBody = Body("QUOTA_EXHAUSTED", "20h0m0s", "42s") });

        Assert.Equal(OutcomeKind.Cooldown, decision.Kind);
        Assert.Equal("gemini-2.5-pro", decision.Model);
        Assert.Equal(TimeSpan.FromHours(20), decision.Duration);
        Assert.False(decision.CountsAsFailure);
    }

    [Fact]
    public void Hints_are_read_in_order_retry_after_then_quota_reset_then_retry_delay()
    {
        Assert.Equal(TimeSpan.FromSeconds(7), Decide(new LeaseOutcome { Status = 429, RetryAfterHeader = "7", ErrorBody = Body("QUOTA_EXHAUSTED", "3600s", "42s") }).Duration);
        Assert.Equal(TimeSpan.FromSeconds(3600), Decide(new LeaseOutcome { Status = 429, ErrorBody = Body("QUOTA_EXHAUSTED", "3600s", "42s") }).Duration);
        Assert.Equal(TimeSpan.FromSeconds(42), Decide(new LeaseOutcome { Status = 429, ErrorBody = Body("QUOTA_EXHAUSTED", null, "42s") }).Duration);
    }

    [Fact]
    public void Rate_limits_are_short()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), Decide(new LeaseOutcome { Status = 429, ErrorBody = Body("RATE_LIMIT_EXCEEDED", null, "600s") }).Duration);
        Assert.Equal(TimeSpan.FromSeconds(5), Decide(new LeaseOutcome { Status = 429, ErrorBody = Body("RATE_LIMIT_EXCEEDED") }).Duration);
    }

    [Fact]
    public void Capacity_exhaustion_moves_on_without_blame() =>
        Assert.Equal(OutcomeKind.NextWithoutBlame, Decide(new LeaseOutcome { Status = 429, ErrorBody = Body("MODEL_CAPACITY_EXHAUSTED") }).Kind);

    [Fact]
    public void Without_a_hint_the_ladder_applies_and_counts()
    {
        var decision = Decide(new LeaseOutcome { Status = 429 }, failures: 2);

        Assert.Equal(TimeSpan.FromMinutes(30), decision.Duration);
        Assert.True(decision.CountsAsFailure);
    }

    [Fact]
    public void Server_errors_are_short_and_uncounted()
    {
        var decision = Decide(new LeaseOutcome { Status = 503 }, failures: 3);

        Assert.Equal(OutcomeKind.Cooldown, decision.Kind);
        Assert.Equal(CooldownPolicy.ServerErrorPause, decision.Duration);
        Assert.False(decision.CountsAsFailure);
    }

    [Fact]
    public void Auth_outcomes_refresh_once_then_cool_the_whole_account()
    {
        Assert.Equal(OutcomeKind.RefreshToken, Decide(new LeaseOutcome { Status = 401 }).Kind);
        var second = Decide(new LeaseOutcome { Status = 401 }, refreshed: true);
        Assert.Equal(OutcomeKind.Cooldown, second.Kind);
        Assert.Equal("*", second.Model);
        Assert.Equal(OutcomeKind.InvalidGrant, Decide(new LeaseOutcome { Status = 400, ErrorBody = """{"error":"invalid_grant"}""" }).Kind);
        Assert.Equal(OutcomeKind.Forbidden, Decide(new LeaseOutcome { Status = 403 }).Kind);
        var validation = Decide(new LeaseOutcome { Status = 403, ErrorBody = """{"error":{"code":403,"message":"verify","validation_url":"https://v.test"}}""" });
        Assert.Equal(OutcomeKind.ValidationRequired, validation.Kind);
        Assert.Equal(TimeSpan.FromMinutes(10), validation.Duration);
        Assert.Equal("https://v.test", validation.ValidationUrl);
    }

    [Fact]
    public void Success_and_client_errors_leave_the_account_alone()
    {
        Assert.Equal(OutcomeKind.Success, Decide(new LeaseOutcome { Status = 200 }).Kind);
        Assert.Equal(OutcomeKind.Ignore, Decide(new LeaseOutcome { Status = 400 }).Kind);
    }
}
