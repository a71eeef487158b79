using System.Net;
using Antigravity.Contracts;
using Antigravity.Contracts.Settings;
using Antigravity.Gateway.Tests.Infrastructure;
using Antigravity.Testing;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using static Antigravity.Gateway.Tests.Infrastructure.Http;

namespace Antigravity.Gateway.Tests.Service;

/// <summary>Redis never holds the API key in clear, and the gateway checks keys against its hash alone.</summary>
public sealed class ApiKeyAtRestTests(GatewayHarness harness) : IClassFixture<GatewayHarness>
{
    private const string Key = "sk-abcdefabcdefabcdefabcdefabcdef12";

    [Fact]
    public async Task A_key_set_by_the_dashboard_is_stored_as_a_hash_and_an_encrypted_copy_and_the_gateway_holds_no_clear_key()
    {
        var gateway = await harness.SharedGatewayAsync();
        var settings = await harness.SetAsync(s => s with { AuthMode = ProxyAuthMode.Strict, ApiKey = ProxyApiKey.FromPlaintext(Key), Enabled = true });
        await GatewayHarness.WaitForRevisionAsync(gateway, settings.Revision);
        using var client = gateway.CreateClient();

        var raw = await RawSettingsAsync();
        Assert.DoesNotContain(Key, raw, StringComparison.Ordinal);
        Assert.DoesNotContain(Key["sk-".Length..], raw, StringComparison.Ordinal);
        Assert.Contains("\"sha256\"", raw, StringComparison.Ordinal);
        Assert.Equal(Key, harness.Store.RevealApiKey((await harness.Store.GetAsync())!));
        Assert.Null(gateway.Services.GetRequiredService<ProxySettingsMonitor>().Current!.ApiKey.PendingPlaintext);

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, "/v1/models", ("Authorization", "Bearer " + Key)));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(client, "/v1/models", ("Authorization", "Bearer " + Key + "0")));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(client, "/v1/models", ("x-api-key", Key[..^1])));
    }

    [Fact]
    public async Task A_settings_document_with_the_key_in_clear_from_an_earlier_version_keeps_working_and_is_encrypted_in_place()
    {
        const string OldKey = "sk-0123456789abcdef0123456789abcdef";
        var legacy = $$"""{"authMode":"strict","apiKey":"{{OldKey}}","enabled":true,"revision":41,"updatedAt":"2026-11-22T07:54:11.87536+00:00"}""";
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(harness.Redis.ConnectionString))
        {
            await redis.GetDatabase().StringSetAsync(RedisKeys.ProxySettings, legacy);
        }

        var gateway = await harness.StartGatewayAsync();
        using var client = gateway.CreateClient();

        await Eventually.WaitUntilAsync(
            async () => !(await RawSettingsAsync()).Contains(OldKey, StringComparison.Ordinal),
            TimeSpan.FromSeconds(10), "the key stored in clear is replaced by its hash and encrypted copy");
        await GatewayHarness.WaitForRevisionAsync(gateway, 42);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, "/v1/models", ("x-api-key", OldKey)));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(client, "/v1/models", ("x-api-key", Key)));
        // The dashboard can still show the same key.
        Assert.Equal(OldKey, harness.Store.RevealApiKey((await harness.Store.GetAsync())!));
    }

    private async Task<string> RawSettingsAsync()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(harness.Redis.ConnectionString);
        return (string?)await redis.GetDatabase().StringGetAsync(RedisKeys.ProxySettings) ?? "";
    }
}
