using System.Net;
using Antigravity.AccountPool.Tests.Infrastructure;
using Antigravity.Contracts;
using Antigravity.Contracts.Accounts;
using Antigravity.Contracts.Leasing;

namespace Antigravity.AccountPool.Tests.Leasing;

public sealed class TokenTests(PoolFixture fixture) : PoolTestBase(fixture)
{
    [Fact]
    public async Task Adding_a_Google_account_fetches_its_email_project_tier_and_quota()
    {
        var account = await AddGoogleAsync("emulator-refresh-2");

        Assert.Equal("pro@emulator.test", account.Email);
        Assert.Equal("emulator-project-2", account.ProjectId);
        Assert.Contains("pro", account.Tier, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(account.Quota, q => q.Model == "gemini-2.5-pro" && q.RemainingFraction > 0);
        var lease = await LeaseAsync("gemini-2.5-pro");
        Assert.Equal("emulator-project-2", lease.ProjectId);
        Assert.Equal([Fixture.Emulator.BaseUrl], lease.BaseUrls);
        Assert.False(string.IsNullOrEmpty(lease.AccessToken));
    }

    [Fact]
    public async Task A_401_refreshes_the_token_once_and_retries_the_same_account()
    {
        var account = await AddGoogleAsync("emulator-refresh-1");
        var lease = await LeaseAsync("gemini-2.5-pro");
        var tokensBefore = await Fixture.Emulator.TokenRequestCountAsync();

        var answer = await Pool.ReportOutcomeAsync(lease.LeaseId, new LeaseOutcome { Status = 401 });

        Assert.Equal(OutcomeActions.RetrySameAfterRefresh, answer.Action);
        Assert.Equal(account.Id, answer.Lease!.AccountId);
        Assert.NotEqual(lease.AccessToken, answer.Lease.AccessToken);
        Assert.Equal(tokensBefore + 1, await Fixture.Emulator.TokenRequestCountAsync());

        var second = await Pool.ReportOutcomeAsync(lease.LeaseId, new LeaseOutcome { Status = 401 });
        Assert.Equal(OutcomeActions.NextAccount, second.Action); // retried once only
        Assert.Contains((await ViewAsync(account.Id)).Cooldowns, c => c.Model == "*");
    }

    [Fact]
    public async Task Invalid_grant_disables_the_account_with_the_reason()
    {
        var account = await AddGoogleAsync("emulator-refresh-2");
        await Fixture.Emulator.PostAsync("/_emulator/accounts/revoke", new { target = "emulator-refresh-2" });
        var lease = await LeaseAsync("gemini-2.5-pro");

        var answer = await Pool.ReportOutcomeAsync(lease.LeaseId, new LeaseOutcome { Status = 401 });

        Assert.Equal(OutcomeActions.NextAccount, answer.Action);
        Assert.Equal(AccountStates.InvalidGrant, answer.Reason);
        var state = (await ViewAsync(account.Id)).State;
        Assert.Equal(AccountStates.InvalidGrant, state.Status);
        Assert.StartsWith("invalid_grant", state.Reason);
        Assert.NotNull(state.Since);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Pool.LeaseAsync(new LeaseRequest { Model = "gemini-2.5-pro" })).StatusCode);
    }

    [Fact]
    public async Task Adding_a_refused_refresh_token_is_a_400_naming_the_field()
    {
        var answer = await Pool.AddAccountAsync(new AddAccountRequest { Kind = AccountKinds.Antigravity, RefreshToken = "not-a-known-token" });

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal("refreshToken", answer.Error!.Field);
        Assert.Contains("invalid_grant", answer.Error.Error);
    }

    [Fact]
    public async Task A_token_about_to_expire_is_refreshed_before_the_lease()
    {
        var account = await AddGoogleAsync("emulator-refresh-1");
        var first = await LeaseAsync("gemini-2.5-pro");
        await Redis.HashSetAsync(RedisKeys.PoolAccount(account.Id), "accessTokenExpiresAt", DateTimeOffset.UtcNow.AddSeconds(30).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Every writer of pool state announces the change this way; the pool reads its view again.
        await Redis.StringIncrementAsync(RedisKeys.PoolVersion);

        var second = await LeaseAsync("gemini-2.5-pro");

        Assert.NotEqual(first.AccessToken, second.AccessToken);
        Assert.True((await ViewAsync(account.Id)).AccessTokenExpiresAt > DateTimeOffset.UtcNow.AddMinutes(30));
    }

    [Fact]
    public async Task Without_an_OAuth_client_adding_a_Google_account_says_which_variables_to_set()
    {
        var unconfigured = StartApp(new Dictionary<string, string> { ["Upstream:OAuth:ClientId"] = "", ["Upstream:OAuth:ClientSecret"] = "" }).PoolClient;

        var answer = await unconfigured.AddAccountAsync(new AddAccountRequest { Kind = AccountKinds.Antigravity, RefreshToken = "emulator-refresh-1" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
        Assert.Contains("Upstream__OAuth__ClientId", answer.Error!.Error);
        Assert.Contains("Upstream__OAuth__ClientSecret", answer.Error.Error);
        Assert.Equal(HttpStatusCode.Created, (await unconfigured.AddAccountAsync(new AddAccountRequest { Kind = AccountKinds.GeminiApiKey, ApiKey = "k-1" })).StatusCode);
    }
}
