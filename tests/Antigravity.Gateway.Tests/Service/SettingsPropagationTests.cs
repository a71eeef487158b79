using System.Net;
using Antigravity.Contracts.Settings;
using Antigravity.Testing;
using Antigravity.Gateway.Tests.Infrastructure;
using static Antigravity.Gateway.Tests.Infrastructure.Http;

namespace Antigravity.Gateway.Tests.Service;

/// <summary>Two gateway replicas on one Redis obey a settings change within a second, without restart.</summary>
public sealed class SettingsPropagationTests(GatewayHarness harness) : IClassFixture<GatewayHarness>
{
    private static readonly TimeSpan WithinOneSecond = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_rotated_key_applies_on_both_replicas_within_one_second()
    {
        var oldKey = ApiKeys.Generate();
        var newKey = ApiKeys.Generate();
        var replicaA = await harness.StartGatewayAsync();
        var replicaB = await harness.StartGatewayAsync();
        var initial = await harness.SetAsync(s => s with { AuthMode = ProxyAuthMode.Strict, ApiKey = ProxyApiKey.FromPlaintext(oldKey), Enabled = true });
        await GatewayHarness.WaitForRevisionAsync(replicaA, initial.Revision);
        await GatewayHarness.WaitForRevisionAsync(replicaB, initial.Revision);
        using var clientA = replicaA.CreateClient();
        using var clientB = replicaB.CreateClient();
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(clientA, "/v1/models", ("Authorization", "Bearer " + oldKey)));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(clientB, "/v1/models", ("Authorization", "Bearer " + oldKey)));

        await harness.SetAsync(s => s with { ApiKey = ProxyApiKey.FromPlaintext(newKey) });

        await Task.WhenAll(
            Eventually.WaitUntilAsync(() => Rotated(clientA, oldKey, newKey), WithinOneSecond, "replica A refuses the old key and accepts the new one"),
            Eventually.WaitUntilAsync(() => Rotated(clientB, oldKey, newKey), WithinOneSecond, "replica B refuses the old key and accepts the new one"));
    }

    [Fact]
    public async Task Switching_auth_mode_applies_on_both_replicas_within_one_second()
    {
        var key = ApiKeys.Generate();
        var replicaA = await harness.StartGatewayAsync();
        var replicaB = await harness.StartGatewayAsync();
        var initial = await harness.SetAsync(s => s with { AuthMode = ProxyAuthMode.Off, ApiKey = ProxyApiKey.FromPlaintext(key), Enabled = true });
        await GatewayHarness.WaitForRevisionAsync(replicaA, initial.Revision);
        await GatewayHarness.WaitForRevisionAsync(replicaB, initial.Revision);
        using var clientA = replicaA.CreateClient();
        using var clientB = replicaB.CreateClient();
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(clientA, "/v1/models"));

        await harness.SetAsync(s => s with { AuthMode = ProxyAuthMode.AllExceptHealth });

        await Task.WhenAll(
            Eventually.WaitUntilAsync(async () => await StatusAsync(clientA, "/v1/models") == HttpStatusCode.Unauthorized, WithinOneSecond, "replica A guards /v1/models"),
            Eventually.WaitUntilAsync(async () => await StatusAsync(clientB, "/v1/models") == HttpStatusCode.Unauthorized, WithinOneSecond, "replica B guards /v1/models"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(clientA, "/healthz"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(clientB, "/v1/models", ("x-api-key", key)));
    }

    [Fact]
    public async Task Auto_mode_follows_lan_access_per_replica()
    {
        var key = ApiKeys.Generate();
        var local = await harness.StartGatewayAsync(allowLanAccess: false);
        var lan = await harness.StartGatewayAsync(allowLanAccess: true);
        var settings = await harness.SetAsync(s => s with { AuthMode = ProxyAuthMode.Auto, ApiKey = ProxyApiKey.FromPlaintext(key), Enabled = true });
        await GatewayHarness.WaitForRevisionAsync(local, settings.Revision);
        await GatewayHarness.WaitForRevisionAsync(lan, settings.Revision);
        using var localClient = local.CreateClient();
        using var lanClient = lan.CreateClient();

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(localClient, "/v1/models"));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(lanClient, "/v1/models"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(lanClient, "/healthz"));
    }

    private static async Task<bool> Rotated(HttpClient client, string oldKey, string newKey) =>
        await StatusAsync(client, "/v1/models", ("Authorization", "Bearer " + oldKey)) == HttpStatusCode.Unauthorized
        && await StatusAsync(client, "/v1/models", ("Authorization", "Bearer " + newKey)) == HttpStatusCode.OK;
}
