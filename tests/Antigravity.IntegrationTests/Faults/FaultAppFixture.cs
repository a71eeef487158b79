using System.Net;
using System.Net.Http.Json;
using Antigravity.IntegrationTests.Gateway;
using Antigravity.Testing;

namespace Antigravity.IntegrationTests.Faults;

/// <summary>
/// The whole application for the fault runs: the emulator as upstream, two Antigravity accounts, two gateway replicas
/// behind Aspire's proxy, and the API key required on every route but the health probe (so that answers to the load
/// prove the key still works after a fault).
/// </summary>
public sealed class FaultAppFixture : PoolAppFixture
{
    /// <summary>Gateway processes behind the gateway port.</summary>
    public const int GatewayReplicas = 2;

    protected override IReadOnlyList<string> RefreshTokens => ["emulator-refresh-1", "emulator-refresh-2"];

    protected override void Configure(AntigravityTestOptions options) => options.GatewayReplicas = GatewayReplicas;

    protected override async Task AddMoreAccountsAsync(HttpClient dashboard)
    {
        using var patch = await dashboard.PatchAsJsonAsync("/api/proxy/config", new { authMode = "all_except_health" });
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        // Each replica follows the setting by pub/sub: wait until fresh connections (spread over both) are refused without the key.
        var refusedInARow = 0;
        await Eventually.WaitUntilAsync(async () =>
        {
            using var gateway = Gateway();
            using var response = await gateway.PostAsync("/v1/chat/completions", Json("""{"model":"gemini-2.5-flash","messages":[{"role":"user","content":"no key"}]}"""));
            refusedInARow = response.StatusCode == HttpStatusCode.Unauthorized ? refusedInARow + 1 : 0;
            return refusedInARow >= 6;
        }, TimeSpan.FromSeconds(30), "both gateway replicas require the API key");
    }
}
