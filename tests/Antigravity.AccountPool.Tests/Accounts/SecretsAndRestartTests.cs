using System.Net.Http.Json;
using Antigravity.AccountPool.Tests.Infrastructure;
using Antigravity.Contracts.Accounts;
using Antigravity.Contracts.Leasing;

namespace Antigravity.AccountPool.Tests.Accounts;

public sealed class SecretsAndRestartTests(PoolFixture fixture) : PoolTestBase(fixture)
{
    [Fact]
    public async Task Secrets_never_appear_in_logs_or_admin_answers()
    {
        const string apiKey = "sk-secretgeminikey0123456789abcd";
        const string compatibleKey = "zai-secret-key-9876543210";
        var google = await AddGoogleAsync("emulator-refresh-1");
        var gemini = await AddGeminiKeyAsync(apiKey);
        await AddAsync(new AddAccountRequest { Kind = AccountKinds.OpenAiCompatible, BaseUrl = Fixture.Emulator.BaseUrl + "/openai/v1", ApiKey = compatibleKey, Models = ["gpt-4o"] });
        var lease = await LeaseAsync("gemini-2.5-pro", exclude: [gemini.Id]);
        var accessToken = lease.AccessToken!;
        await Pool.ReportOutcomeAsync(lease.LeaseId, new LeaseOutcome { Status = 401 }); // refresh path logs too
        await Pool.RefreshAccountAsync(google.Id);

        using var http = App.CreateClient();
        var answers = string.Join('\n',
            await http.GetStringAsync("/internal/accounts"),
            await http.GetStringAsync($"/internal/accounts/{gemini.Id}"),
            await (await http.PatchAsJsonAsync($"/internal/accounts/{gemini.Id}", new { label = "x" })).Content.ReadAsStringAsync(),
            await (await http.PostAsync($"/internal/accounts/{google.Id}/refresh", null)).Content.ReadAsStringAsync());

        string[] secrets = ["emulator-refresh-1", apiKey, compatibleKey, accessToken];
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, answers);
            Assert.DoesNotContain(secret, App.Logs.All);
        }
        Assert.Contains("sk-\\u2026abcd", answers); // masked form "sk-…abcd" (JSON-escaped)
        Assert.NotEmpty(App.Logs.Lines);
    }

    [Fact]
    public async Task Accounts_and_cooldowns_survive_a_restart_of_the_whole_app()
    {
        var google = await AddGoogleAsync("emulator-refresh-1");
        var key = await AddGeminiKeyAsync("gemini-key-restart");
        var lease = await LeaseAsync("gemini-2.5-pro");
        Assert.Equal(google.Id, lease.AccountId);
        await Pool.ReportOutcomeAsync(lease.LeaseId, new LeaseOutcome { Status = 429, RetryAfterHeader = "3600" });
        await App.DisposeAsync();
        await Fixture.Redis.KillAsync();
        await Fixture.Redis.RestartAsync();

        await using var restarted = Fixture.CreateApp();
        var client = restarted.PoolClient;
        var accounts = (await client.ListAccountsAsync()).Value!;

        Assert.Equal([google.Id, key.Id], accounts.Select(a => a.Id));
        Assert.Contains(accounts.Single(a => a.Id == google.Id).Cooldowns, c => c.Model == "gemini-2.5-pro" && c.Until > DateTimeOffset.UtcNow.AddMinutes(59));
        var after = (await client.LeaseAsync(new LeaseRequest { Model = "gemini-2.5-pro" })).Lease!;
        Assert.Equal(key.Id, after.AccountId);
        Assert.Equal("gemini-key-restart", after.ApiKey); // decrypted with the key ring kept in Redis
        Assert.Equal(google.Id, (await client.LeaseAsync(new LeaseRequest { Model = "gemini-2.5-flash" })).Lease!.AccountId);
    }

    [Fact]
    public async Task While_Redis_is_down_leases_answer_503_and_serve_again_once_it_is_back()
    {
        var key = await AddGeminiKeyAsync("gemini-key-outage");
        await Fixture.Redis.KillAsync();
        try
        {
            var during = await Pool.LeaseAsync(new LeaseRequest { Model = "m" });
            Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, during.StatusCode);
            Assert.Contains("Redis", during.Refusal!.Error);
        }
        finally
        {
            await Fixture.Redis.RestartAsync();
        }
        await Antigravity.Testing.Eventually.WaitUntilAsync(
            async () => (await Pool.LeaseAsync(new LeaseRequest { Model = "m" })).Lease?.AccountId == key.Id,
            TimeSpan.FromSeconds(30), "leases work again after Redis is back");
    }
}
