using Antigravity.AccountPool.Tests.Infrastructure;
using Antigravity.Contracts.Accounts;

namespace Antigravity.AccountPool.Tests.Leasing;

/// <summary>Which account serves a model: accounts that name it win over catch-alls.</summary>
public sealed class ModelRoutingTests(PoolFixture fixture) : PoolTestBase(fixture)
{
    [Fact]
    public async Task A_provider_that_lists_the_model_is_chosen_over_a_gemini_key_that_would_take_any_name()
    {
        await AddGeminiKeyAsync("emulator-gemini-key");
        var provider = await AddAsync(new AddAccountRequest
        {
            Kind = AccountKinds.AnthropicCompatible,
            ApiKey = "emulator-anthropic-key",
            BaseUrl = "https://api.z.ai/api/anthropic",
            Models = ["glm-4.6"],
        });

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(provider.Id, (await LeaseAsync("glm-4.6")).AccountId);
        }
    }

    [Fact]
    public async Task A_gemini_key_without_a_list_stays_a_candidate_for_gemini_models_next_to_google_accounts()
    {
        var google = await AddGoogleAsync("emulator-refresh-2");
        var key = await AddGeminiKeyAsync("emulator-gemini-key");
        await AddAsync(new AddAccountRequest { Kind = AccountKinds.OpenAiCompatible, ApiKey = "emulator-openai-key", BaseUrl = "https://openrouter.ai/api/v1", Models = ["*"] });

        var first = await LeaseAsync("gemini-2.5-flash");
        var next = await LeaseAsync("gemini-2.5-flash", exclude: [first.AccountId]);

        // The Google account (by tier) first; once it is tried, the Gemini key — never the catch-all provider.
        Assert.Equal(google.Id, first.AccountId);
        Assert.Equal(key.Id, next.AccountId);
    }
}
