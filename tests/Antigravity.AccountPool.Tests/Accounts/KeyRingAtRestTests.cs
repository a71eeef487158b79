using Antigravity.AccountPool.Tests.Infrastructure;
using Antigravity.Contracts;
using Antigravity.Contracts.DataProtection;
using Antigravity.Contracts.Leasing;
using Microsoft.Extensions.Options;

namespace Antigravity.AccountPool.Tests.Accounts;

/// <summary>
/// The Data Protection key ring in Redis, which decrypts every account secret, is itself encrypted under
/// <c>DataProtection:KeyEncryptionKey</c> (kept by the AppHost, never in Redis).
/// </summary>
public sealed class KeyRingAtRestTests(PoolFixture fixture) : PoolTestBase(fixture)
{
    private static readonly string KeyEncryptionKey = KeyRingEncryptionOptions.GenerateKey();

    private static Dictionary<string, string> WithKey(string key) => new() { ["DataProtection:KeyEncryptionKey"] = key };

    [Fact]
    public async Task With_the_key_given_the_ring_in_redis_holds_no_master_key_in_clear_and_secrets_survive_a_restart()
    {
        await Fixture.ResetAsync(); // forget the key the replica without the setting made at start
        var encrypted = StartApp(WithKey(KeyEncryptionKey));
        var account = await AddAsync(new Contracts.Accounts.AddAccountRequest { Kind = Contracts.Accounts.AccountKinds.GeminiApiKey, ApiKey = "gemini-key-under-kek" }, encrypted);

        var ring = await RingAsync();
        Assert.NotEmpty(ring);
        Assert.All(ring, xml =>
        {
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
            Assert.Contains("<encryptedKey", xml, StringComparison.Ordinal);
            Assert.DoesNotContain(KeyEncryptionKey, xml, StringComparison.Ordinal);
        });

        var restarted = StartApp(WithKey(KeyEncryptionKey));
        var lease = (await restarted.PoolClient.LeaseAsync(new LeaseRequest { Model = "gemini-2.5-pro" })).Lease!;
        Assert.Equal(account.Id, lease.AccountId);
        Assert.Equal("gemini-key-under-kek", lease.ApiKey);
    }

    [Fact]
    public async Task Secrets_stored_while_the_ring_was_in_clear_still_decrypt_once_the_key_is_given_and_the_old_keys_get_encrypted()
    {
        // Before the upgrade: no key-encryption key, so the ring is stored in clear.
        var before = await AddGeminiKeyAsync("gemini-key-from-before");
        Assert.Contains(await RingAsync(), xml => xml.Contains("<masterKey", StringComparison.Ordinal));

        var upgraded = StartApp(WithKey(KeyEncryptionKey));
        var lease = (await upgraded.PoolClient.LeaseAsync(new LeaseRequest { Model = "gemini-2.5-pro" })).Lease!;

        Assert.Equal(before.Id, lease.AccountId);
        Assert.Equal("gemini-key-from-before", lease.ApiKey);
        Assert.All(await RingAsync(), xml => Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal));

        // And a replica started later, from the encrypted ring alone, reads it too.
        var later = StartApp(WithKey(KeyEncryptionKey));
        Assert.Equal("gemini-key-from-before", (await later.PoolClient.LeaseAsync(new LeaseRequest { Model = "gemini-2.5-flash" })).Lease!.ApiKey);
    }

    [Fact]
    public void A_malformed_key_stops_the_start_with_a_sentence_naming_the_setting_but_not_the_value()
    {
        var error = Assert.Throws<OptionsValidationException>(() => StartApp(WithKey("not-a-key")));

        Assert.Contains("DataProtection:KeyEncryptionKey must be 32 bytes in base64", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-key", error.Message, StringComparison.Ordinal);
    }

    private async Task<List<string>> RingAsync() =>
        (await Redis.HashValuesAsync(RedisKeys.DataProtectionKeys)).Select(value => value.ToString()).ToList();

    private static async Task<Contracts.Accounts.AccountView> AddAsync(Contracts.Accounts.AddAccountRequest request, PoolApp app)
    {
        var answer = await app.PoolClient.AddAccountAsync(request);
        Assert.True(answer.IsSuccess, $"adding the account answered {(int)answer.StatusCode}");
        return answer.Value!;
    }
}
