using System.Net;
using Antigravity.AccountPool.Tests.Infrastructure;
using Antigravity.Contracts.Leasing;

namespace Antigravity.AccountPool.Tests.Leasing;

public sealed class CooldownTests(PoolFixture fixture) : PoolTestBase(fixture)
{
    private const string QuotaExhaustedHour = """
        {"error":{"code":429,"message":"Resource has been exhausted","status":"RESOURCE_EXHAUSTED","details":[
          {"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"QUOTA_EXHAUSTED","domain":"cloudcode-pa.googleapis.com","metadata":{"quotaResetDelay":"3600s","model":"gemini-2.5-pro"}},
          {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"3600s"}]}}
        """;

    [Fact]
    public async Task Quota_exhausted_for_an_hour_takes_out_exactly_that_account_and_model()
    {
        var ultra = await AddGoogleAsync("emulator-refresh-1");
        var pro = await AddGoogleAsync("emulator-refresh-2");
        var first = await LeaseAsync("gemini-2.5-pro");
        Assert.Equal(ultra.Id, first.AccountId); // best tier first

        var answer = await Pool.ReportOutcomeAsync(first.LeaseId, new LeaseOutcome { Status = 429, ErrorBody = QuotaExhaustedHour });

        Assert.Equal(OutcomeActions.NextAccount, answer.Action);
        var view = await ViewAsync(ultra.Id);
        var cooldown = Assert.Single(view.Cooldowns);
        Assert.Equal("gemini-2.5-pro", cooldown.Model);
        Assert.Equal("QUOTA_EXHAUSTED", cooldown.Reason);
        Assert.InRange((cooldown.Until - DateTimeOffset.UtcNow).TotalSeconds, 3590, 3601);
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(pro.Id, (await LeaseAsync("gemini-2.5-pro")).AccountId);
        }
        Assert.Equal(ultra.Id, (await LeaseAsync("gemini-2.5-flash")).AccountId); // other models unaffected
        Assert.Empty((await ViewAsync(pro.Id)).Cooldowns);
    }

    [Fact]
    public async Task All_cooling_answers_429_with_the_earliest_retry_time_and_a_cooled_account_comes_back_by_itself()
    {
        var account = await AddGeminiKeyAsync("gemini-key-one");
        var lease = await LeaseAsync("gemini-2.5-flash");
        await Pool.ReportOutcomeAsync(lease.LeaseId, new LeaseOutcome { Status = 429, RetryAfterHeader = "120" });

        var refused = await Pool.LeaseAsync(new LeaseRequest { Model = "gemini-2.5-flash" });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(refused.Refusal!.RetryAfterSeconds!.Value, 115, 120);

        var again = await LeaseAsync("gemini-2.5-pro");
        await Pool.ReportOutcomeAsync(again.LeaseId, new LeaseOutcome { Status = 429, RetryAfterHeader = "3" });
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Pool.LeaseAsync(new LeaseRequest { Model = "gemini-2.5-pro" })).StatusCode);
        await Antigravity.Testing.Eventually.WaitUntilAsync(
            async () => (await Pool.LeaseAsync(new LeaseRequest { Model = "gemini-2.5-pro" })).Lease?.AccountId == account.Id,
            TimeSpan.FromSeconds(10), "the account comes back after its 3 s cooldown");
    }

    [Fact]
    public async Task Short_cooldowns_within_the_all_limited_wait_are_waited_for()
    {
        var account = await AddGeminiKeyAsync("gemini-key-one");
        var lease = await LeaseAsync("gemini-2.5-flash");
        await Pool.ReportOutcomeAsync(lease.LeaseId, new LeaseOutcome { Status = 429, RetryAfterHeader = "1" });

        var next = await LeaseAsync("gemini-2.5-flash"); // waits ~1 s instead of refusing (default wait 2 s)

        Assert.Equal(account.Id, next.AccountId);
    }

    [Fact]
    public async Task No_accounts_at_all_says_to_add_one()
    {
        var result = await Pool.LeaseAsync(new LeaseRequest { Model = "gemini-2.5-pro" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, result.StatusCode);
        Assert.Equal("No available accounts, please add an account first", result.Refusal!.Error);
    }

    [Fact]
    public async Task Hintless_failures_escalate_and_5xx_is_short_and_uncounted()
    {
        var account = await AddGeminiKeyAsync("gemini-key-one");
        var first = await LeaseAsync("m1");
        await Pool.ReportOutcomeAsync(first.LeaseId, new LeaseOutcome { Status = 429 });
        var until = (await ViewAsync(account.Id)).Cooldowns.Single().Until;
        Assert.InRange((until - DateTimeOffset.UtcNow).TotalSeconds, 55, 60);

        var server = await LeaseAsync("m2");
        var answer = await Pool.ReportOutcomeAsync(server.LeaseId, new LeaseOutcome { Status = 503 });
        Assert.Equal(OutcomeActions.NextAccount, answer.Action);
        Assert.InRange((answer.CooldownUntil!.Value - DateTimeOffset.UtcNow).TotalSeconds, 0, 6);
    }

    [Fact]
    public async Task Capacity_exhaustion_does_not_blame_the_account()
    {
        var account = await AddGeminiKeyAsync("gemini-key-one");
        var lease = await LeaseAsync("gemini-2.5-pro");
        var body = """{"error":{"code":429,"status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"MODEL_CAPACITY_EXHAUSTED"}]}}""";

        var answer = await Pool.ReportOutcomeAsync(lease.LeaseId, new LeaseOutcome { Status = 429, ErrorBody = body });

        Assert.Equal(OutcomeActions.NextAccount, answer.Action);
        Assert.Empty((await ViewAsync(account.Id)).Cooldowns);
    }

    [Fact]
    public async Task A_403_marks_forbidden_and_validation_required_keeps_the_url()
    {
        var a = await AddGeminiKeyAsync("gemini-key-one");
        var b = await AddGeminiKeyAsync("gemini-key-two");
        var lease = await LeaseAsync("gemini-2.5-pro", exclude: [b.Id]);
        await Pool.ReportOutcomeAsync(lease.LeaseId, new LeaseOutcome { Status = 403, ErrorBody = """{"error":{"code":403,"message":"Permission denied","status":"PERMISSION_DENIED"}}""" });
        Assert.Equal("forbidden", (await ViewAsync(a.Id)).State.Status);

        var second = await LeaseAsync("gemini-2.5-pro");
        Assert.Equal(b.Id, second.AccountId);
        await Pool.ReportOutcomeAsync(second.LeaseId, new LeaseOutcome { Status = 403, ErrorBody = """{"error":{"code":403,"message":"Verify your account","status":"PERMISSION_DENIED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"VALIDATION_REQUIRED","metadata":{"validation_url":"https://accounts.google.com/verify?x=1"}}]}}""" });
        var state = (await ViewAsync(b.Id)).State;
        Assert.Equal("validation_required", state.Status);
        Assert.Equal("https://accounts.google.com/verify?x=1", state.ValidationUrl);
        Assert.InRange((state.Until!.Value - DateTimeOffset.UtcNow).TotalMinutes, 9.9, 10);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Pool.LeaseAsync(new LeaseRequest { Model = "gemini-2.5-pro" })).StatusCode);
    }

    [Fact]
    public async Task A_quota_refresh_that_finds_quota_again_lifts_the_quota_cooldown()
    {
        var ultra = await AddGoogleAsync("emulator-refresh-1");
        var lease = await LeaseAsync("gemini-2.5-pro");
        await Pool.ReportOutcomeAsync(lease.LeaseId, new LeaseOutcome { Status = 429, ErrorBody = QuotaExhaustedHour });
        await Pool.ReportOutcomeAsync((await LeaseAsync("gemini-2.5-flash")).LeaseId, new LeaseOutcome { Status = 429, RetryAfterHeader = "600" });
        Assert.Equal(2, (await ViewAsync(ultra.Id)).Cooldowns.Count);

        var refreshed = (await Pool.RefreshAccountAsync(ultra.Id)).Value!; // the emulator reports quota left for every model

        var remaining = Assert.Single(refreshed.Cooldowns); // the quota cooldown is lifted, the other kind stays
        Assert.Equal("gemini-2.5-flash", remaining.Model);
        Assert.Equal(ultra.Id, (await LeaseAsync("gemini-2.5-pro")).AccountId);
    }
}
