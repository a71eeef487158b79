using System.Net;
using System.Text.Json.Nodes;
using Antigravity.UpstreamEmulator.Tests.Infrastructure;

namespace Antigravity.UpstreamEmulator.Tests.CloudCode;

public sealed class AccountEndpointsTests(EmulatorFactory factory) : EmulatorTestBase(factory)
{
    private static readonly JsonObject s_loadBody = new() { ["metadata"] = new JsonObject { ["ideType"] = "ANTIGRAVITY" } };

    [Fact]
    public async Task LoadCodeAssist_reports_project_and_paid_tier_of_an_ultra_account()
    {
        using var response = await CloudCodeAsync("loadCodeAssist", s_loadBody, await AccessTokenAsync(Ultra));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ReadJsonAsync(response);
        Assert.Equal("emulator-project-1", body["cloudaicompanionProject"]!.GetValue<string>());
        Assert.Equal("standard-tier", body["currentTier"]!["id"]!.GetValue<string>());
        Assert.Equal("g1-ultra-tier", body["paidTier"]!["id"]!.GetValue<string>());
        Assert.Equal(["free-tier", "standard-tier"], body["allowedTiers"]!.AsArray().Select(t => t!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task LoadCodeAssist_reports_free_tier_without_paid_tier()
    {
        using var response = await CloudCodeAsync("loadCodeAssist", s_loadBody, await AccessTokenAsync(Free));

        var body = await ReadJsonAsync(response);
        Assert.Equal("free-tier", body["currentTier"]!["id"]!.GetValue<string>());
        Assert.Null(body["paidTier"]);
        Assert.Equal("emulator-project-3", body["cloudaicompanionProject"]!.GetValue<string>());
    }

    [Fact]
    public async Task LoadCodeAssist_omits_the_project_of_an_account_without_one()
    {
        using var add = await Client.PostAsync("/_emulator/accounts", Json("""{"email":"noproj@emulator.test","refreshToken":"noproj","noProject":true}"""));
        Assert.Equal(HttpStatusCode.Created, add.StatusCode);

        using var response = await CloudCodeAsync("loadCodeAssist", s_loadBody, await AccessTokenAsync("noproj"));

        Assert.Null((await ReadJsonAsync(response))["cloudaicompanionProject"]);
    }

    [Fact]
    public async Task OnboardUser_gives_a_project_that_loadCodeAssist_then_reports()
    {
        using var add = await Client.PostAsync("/_emulator/accounts", Json("""{"email":"newbie@emulator.test","refreshToken":"newbie","noProject":true,"tier":"free"}"""));
        var token = await AccessTokenAsync("newbie");

        using var onboard = await CloudCodeAsync("onboardUser", JsonNode.Parse("""{"tierId":"free-tier","metadata":{"ideType":"ANTIGRAVITY"}}""")!, token);
        using var load = await CloudCodeAsync("loadCodeAssist", s_loadBody, token);

        Assert.Equal(HttpStatusCode.OK, onboard.StatusCode);
        var operation = await ReadJsonAsync(onboard);
        Assert.True(operation["done"]!.GetValue<bool>());
        var project = operation["response"]!["cloudaicompanionProject"]!["id"]!.GetValue<string>();
        Assert.Equal(project, (await ReadJsonAsync(load))["cloudaicompanionProject"]!.GetValue<string>());
    }

    [Fact]
    public async Task FetchAvailableModels_lists_models_with_quota_and_reset_time()
    {
        using var setQuota = await Client.PutAsync("/_emulator/quota",
            Json("""{"target":"emulator-refresh-1","model":"claude-sonnet-4-6","remainingFraction":0.25,"resetTime":"2030-01-02T03:04:05Z"}"""));
        setQuota.EnsureSuccessStatusCode();

        using var response = await CloudCodeAsync("fetchAvailableModels", new JsonObject { ["project"] = "emulator-project-1" }, await AccessTokenAsync(Ultra));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ReadJsonAsync(response);
        var models = body["models"]!.AsObject();
        var claude = models["claude-sonnet-4-6"]!.AsObject();
        Assert.Equal(0.25, claude["quotaInfo"]!["remainingFraction"]!.GetValue<double>());
        Assert.Equal("2030-01-02T03:04:05Z", claude["quotaInfo"]!["resetTime"]!.GetValue<string>());
        Assert.Equal("Claude Sonnet 4.6", claude["displayName"]!.GetValue<string>());
        var flash = models["gemini-2.5-flash"]!.AsObject();
        Assert.Equal(1.0, flash["quotaInfo"]!["remainingFraction"]!.GetValue<double>());
        Assert.True(flash["supportsThinking"]!.GetValue<bool>());
        Assert.True(flash["maxTokens"]!.GetValue<int>() > 0);
        Assert.Equal("claude-opus-4-6-thinking", body["deprecatedModelIds"]!["claude-opus-4-5-thinking"]!["newModelId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Exhausted_model_has_no_remaining_fraction_and_generation_gets_quota_exhausted()
    {
        using var setQuota = await Client.PutAsync("/_emulator/quota",
            Json("""{"target":"ultra@emulator.test","model":"gemini-2.5-pro","remainingFraction":0,"resetIn":"2h"}"""));
        setQuota.EnsureSuccessStatusCode();
        var token = await AccessTokenAsync(Ultra);

        using var models = await CloudCodeAsync("fetchAvailableModels", new JsonObject { ["project"] = "emulator-project-1" }, token);
        using var generate = await CloudCodeAsync("generateContent", Envelope("gemini-2.5-pro", GeminiRequest(UserText("hi"))), token);

        var quotaInfo = (await ReadJsonAsync(models))["models"]!["gemini-2.5-pro"]!["quotaInfo"]!.AsObject();
        Assert.Null(quotaInfo["remainingFraction"]);
        Assert.NotNull(quotaInfo["resetTime"]);
        var error = await GoogleErrorAsync(generate, 429, "RESOURCE_EXHAUSTED");
        var info = Detail(error, "type.googleapis.com/google.rpc.ErrorInfo");
        Assert.Equal("QUOTA_EXHAUSTED", info["reason"]!.GetValue<string>());
        Assert.Matches(@"^1h59m\d", info["metadata"]!["quotaResetDelay"]!.GetValue<string>());
    }

    [Fact]
    public async Task Another_accounts_project_is_permission_denied()
    {
        using var response = await CloudCodeAsync("fetchAvailableModels", new JsonObject { ["project"] = "emulator-project-2" }, await AccessTokenAsync(Ultra));

        var error = await GoogleErrorAsync(response, 403, "PERMISSION_DENIED");
        Assert.Contains("projects/emulator-project-2", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_and_unknown_bearer_tokens_are_unauthenticated_with_reasons()
    {
        using var missing = await CloudCodeAsync("loadCodeAssist", s_loadBody, null);
        using var unknown = await CloudCodeAsync("loadCodeAssist", s_loadBody, "ya29.not-issued");

        var missingError = await GoogleErrorAsync(missing, 401, "UNAUTHENTICATED");
        Assert.Equal("CREDENTIALS_MISSING", Detail(missingError, "type.googleapis.com/google.rpc.ErrorInfo")["reason"]!.GetValue<string>());
        var unknownError = await GoogleErrorAsync(unknown, 401, "UNAUTHENTICATED");
        Assert.StartsWith("Request had invalid authentication credentials.", unknownError["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
