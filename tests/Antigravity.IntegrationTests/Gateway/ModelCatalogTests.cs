using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Antigravity.Testing;

namespace Antigravity.IntegrationTests.Gateway;

/// <summary>Model listings show what the pool really serves, and the custom mapping set in the dashboard applies at once.</summary>
public sealed class ModelCatalogTests(TwoAccountsFixture fixture) : IClassFixture<TwoAccountsFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetEmulatorAsync();

    public async Task DisposeAsync()
    {
        using var admin = await fixture.AdminAsync();
        (await admin.PatchAsync("/api/proxy/config", Json("""{"modelMapping":{}}"""))).Dispose();
    }

    [Fact]
    public async Task The_openai_and_gemini_listings_hold_every_model_of_the_accounts()
    {
        using var admin = await fixture.AdminAsync();
        var accounts = JsonNode.Parse(await admin.GetStringAsync("/api/accounts"))!.AsArray();
        var poolModels = accounts.SelectMany(a => a!["quota"]!.AsArray().Select(q => q!["model"]!.GetValue<string>())).ToHashSet();
        Assert.NotEmpty(poolModels);
        using var gateway = fixture.Gateway();

        var openAi = JsonNode.Parse(await gateway.GetStringAsync("/v1/models"))!["data"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()).ToHashSet();
        var gemini = JsonNode.Parse(await gateway.GetStringAsync("/v1beta/models"))!["models"]!.AsArray().Select(m => m!["name"]!.GetValue<string>()).ToHashSet();

        Assert.Superset(poolModels, openAi);
        Assert.Superset(poolModels.Select(m => "models/" + m).ToHashSet(), gemini);
        var one = JsonNode.Parse(await gateway.GetStringAsync("/v1beta/models/gemini-2.5-flash"))!;
        Assert.Equal("models/gemini-2.5-flash", one["name"]!.GetValue<string>());
        Assert.Contains("generateContent", one["supportedGenerationMethods"]!.AsArray().Select(m => m!.GetValue<string>()));
    }

    [Fact]
    public async Task An_unknown_gemini_model_is_a_google_404()
    {
        using var gateway = fixture.Gateway();

        using var response = await gateway.GetAsync("/v1beta/models/no-such-model");
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("NOT_FOUND", error["status"]!.GetValue<string>());
        Assert.Contains("models/no-such-model is not found", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mapping_set_in_the_dashboard_is_listed_and_routes_requests_at_once()
    {
        using var admin = await fixture.AdminAsync();
        using var patched = await admin.PatchAsync("/api/proxy/config", Json("""{"modelMapping":{"house-model":"gemini-2.5-pro","team-*":"gemini-2.5-flash"}}"""));
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        using var gateway = fixture.Gateway();

        await Eventually.WaitUntilAsync(async () =>
            JsonNode.Parse(await gateway.GetStringAsync("/v1/models"))!["data"]!.AsArray().Any(m => m!["id"]!.GetValue<string>() == "house-model"),
            TimeSpan.FromSeconds(5), "the gateway lists the new mapping key");
        using var exact = await gateway.PostAsync("/v1/chat/completions", Json("""{"model":"house-model","messages":[{"role":"user","content":"Which model?"}]}"""));
        using var wildcard = await gateway.PostAsync("/v1/chat/completions", Json("""{"model":"team-alpha","messages":[{"role":"user","content":"Which model?"}]}"""));

        Assert.Equal(HttpStatusCode.OK, exact.StatusCode);
        Assert.Equal("gemini-2.5-pro", Assert.Single(exact.Headers.GetValues("X-Mapped-Model")));
        var exactBody = JsonNode.Parse(await exact.Content.ReadAsStringAsync())!;
        Assert.Equal("house-model", exactBody["model"]!.GetValue<string>());
        Assert.StartsWith("Emulated reply from gemini-2.5-pro", exactBody["choices"]![0]!["message"]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("gemini-2.5-flash", Assert.Single(wildcard.Headers.GetValues("X-Mapped-Model")));
    }
}
