using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Antigravity.IntegrationTests.Gateway;

/// <summary>Failover between accounts and the pool's refusals, as an OpenAI client sees them.</summary>
public sealed class PoolFailoverTests(TwoAccountsFixture fixture) : IClassFixture<TwoAccountsFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetEmulatorAsync();

    public Task DisposeAsync() => fixture.ResetEmulatorAsync();

    [Fact]
    public async Task A_quota_exhausted_account_is_skipped_then_all_exhausted_is_a_429_with_retry_after()
    {
        using var gateway = fixture.Gateway();
        const string Body = """{"model":"gemini-2.5-flash","messages":[{"role":"user","content":"Sticky conversation about failover"}]}""";

        // 1. A clean answer, from whichever account the pool picks; the session is now bound to it.
        using var first = await gateway.PostAsync("/v1/chat/completions", Json(Body));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var firstAccount = Assert.Single(first.Headers.GetValues("X-Account-Id"));
        var firstToken = fixture.AccountIds.Single(pair => pair.Value == firstAccount).Key;

        // 2. That account's quota is gone: the same conversation is answered cleanly by the other account.
        await ScriptAsync(new JsonObject { ["target"] = firstToken, ["action"] = "quota_exhausted", ["quotaResetDelay"] = "3600s" });
        using var second = await gateway.PostAsync("/v1/chat/completions", Json(Body));
        var secondBody = JsonNode.Parse(await second.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("chat.completion", secondBody["object"]!.GetValue<string>());
        Assert.StartsWith("Emulated reply from gemini-2.5-flash", secondBody["choices"]![0]!["message"]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        var secondAccount = Assert.Single(second.Headers.GetValues("X-Account-Id"));
        Assert.NotEqual(firstAccount, secondAccount);

        // ... and the dashboard shows the exhausted account cooling for that model until about the reset.
        using var admin = await fixture.AdminAsync();
        var cooled = JsonNode.Parse(await admin.GetStringAsync($"/api/accounts/{firstAccount}"))!;
        var cooldown = cooled["cooldowns"]!.AsArray().Single(c => c!["model"]!.GetValue<string>() == "gemini-2.5-flash")!;
        var until = DateTimeOffset.Parse(cooldown["until"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(until - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(55), TimeSpan.FromMinutes(61));

        // 3. Every account exhausted: 429 with Retry-After, in OpenAI's shape.
        await ScriptAsync(new JsonObject { ["target"] = "*", ["action"] = "quota_exhausted", ["quotaResetDelay"] = "3600s" });
        using var third = await gateway.PostAsync("/v1/chat/completions", Json("""{"model":"gemini-2.5-flash","messages":[{"role":"user","content":"Another conversation"}]}"""));
        var thirdBody = JsonNode.Parse(await third.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.True(third.Headers.RetryAfter?.Delta?.TotalSeconds > 0, "Retry-After is missing");
        Assert.Equal("rate_limit_error", thirdBody["error"]!["type"]!.GetValue<string>());
        Assert.Contains("All accounts exhausted", thirdBody["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);

        // 4. The same for an Anthropic client: rate_limit_error (never a 403), with Retry-After.
        using var fourth = await gateway.PostAsync("/v1/messages", Json("""{"model":"gemini-2.5-flash","max_tokens":64,"messages":[{"role":"user","content":"Anthropic conversation"}]}"""));
        var fourthBody = JsonNode.Parse(await fourth.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.True(fourth.Headers.RetryAfter?.Delta?.TotalSeconds > 0, "Retry-After is missing");
        Assert.Equal("error", fourthBody["type"]!.GetValue<string>());
        Assert.Equal("rate_limit_error", fourthBody["error"]!["type"]!.GetValue<string>());
    }

    private async Task ScriptAsync(JsonObject behaviour)
    {
        using var emulator = fixture.Emulator();
        using var response = await emulator.PostAsJsonAsync("/_emulator/behaviours", behaviour);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
