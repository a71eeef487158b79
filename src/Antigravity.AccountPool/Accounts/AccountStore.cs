using System.Globalization;
using System.Text.Json;
using Antigravity.AccountPool.Quota;
using Antigravity.Contracts;
using StackExchange.Redis;

namespace Antigravity.AccountPool.Accounts;

/// <summary>A cooldown as stored: until when (Unix ms) and why.</summary>
internal readonly record struct Cooldown(string Model, long UntilMs, string Reason);

/// <summary>
/// Reads and writes the pool's Redis state: account hashes and their index, quota, cooldowns and the
/// fairness counters. Decisions that must be atomic across replicas live in <see cref="Leasing.PoolScripts"/>.
/// Every change that leasing reads bumps <see cref="RedisKeys.PoolVersion"/> after the data is written, so a
/// <see cref="Leasing.PoolView"/> that read the version first never keeps a stale copy unnoticed.
/// </summary>
internal sealed class AccountStore(IConnectionMultiplexer redis)
{
    private IDatabase Database => redis.GetDatabase();

    public async Task SaveAsync(AccountRecord account, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await Database.HashSetAsync(RedisKeys.PoolAccount(account.Id), [.. account.ToHash().Select(field => new HashEntry(field.Key, field.Value))]).ConfigureAwait(false);
        await Database.SortedSetAddAsync(RedisKeys.PoolAccountIndex, account.Id, account.CreatedAtMs).ConfigureAwait(false);
        await BumpVersionAsync().ConfigureAwait(false);
    }

    /// <summary>The current <see cref="RedisKeys.PoolVersion"/> (0 before the first change).</summary>
    public async Task<long> GetVersionAsync() => (long?)await Database.StringGetAsync(RedisKeys.PoolVersion).ConfigureAwait(false) ?? 0;

    private Task<long> BumpVersionAsync() => Database.StringIncrementAsync(RedisKeys.PoolVersion);

    /// <summary>Changes some fields of an existing account (never re-creates a deleted one).</summary>
    public async Task<bool> UpdateFieldsAsync(string id, IReadOnlyList<KeyValuePair<string, string>> fields, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var result = await Database.ScriptEvaluateAsync(Leasing.PoolScripts.UpdateIfExists, [RedisKeys.PoolAccount(id), RedisKeys.PoolVersion], Flatten(fields)).ConfigureAwait(false);
        return (long)result == 1;
    }

    public async Task<AccountRecord?> GetAsync(string id, CancellationToken cancellationToken) =>
        AccountRecord.FromHash((await Database.HashGetAllAsync(RedisKeys.PoolAccount(id)).WaitAsync(cancellationToken).ConfigureAwait(false)).ToStringDictionary());

    public async Task<IReadOnlyList<string>> ListIdsAsync(CancellationToken cancellationToken)
    {
        var members = await Database.SortedSetRangeByRankAsync(RedisKeys.PoolAccountIndex).WaitAsync(cancellationToken).ConfigureAwait(false);
        return members.Select(member => member.ToString()).ToList();
    }

    /// <summary>Every account, in the order they were added (requests sent together, one pipelined round).</summary>
    public async Task<IReadOnlyList<AccountRecord>> ListAsync(CancellationToken cancellationToken)
    {
        var ids = await ListIdsAsync(cancellationToken).ConfigureAwait(false);
        var database = Database;
        var hashes = await Task.WhenAll(ids.Select(id => database.HashGetAllAsync(RedisKeys.PoolAccount(id)))).WaitAsync(cancellationToken).ConfigureAwait(false);
        return hashes.Select(hash => AccountRecord.FromHash(hash.ToStringDictionary())).OfType<AccountRecord>().ToList();
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var removed = await Database.KeyDeleteAsync(
            [RedisKeys.PoolAccount(id), RedisKeys.PoolQuota(id), RedisKeys.PoolCooldowns(id), RedisKeys.PoolFailures(id)]).ConfigureAwait(false);
        var indexed = await Database.SortedSetRemoveAsync(RedisKeys.PoolAccountIndex, id).ConfigureAwait(false);
        await Database.HashDeleteAsync(RedisKeys.PoolLeaseCounts, id).ConfigureAwait(false);
        await BumpVersionAsync().ConfigureAwait(false);
        return removed > 0 || indexed;
    }

    // ---- quota ----

    public async Task<IReadOnlyDictionary<string, ModelQuota>> GetQuotaAsync(string id, CancellationToken cancellationToken)
    {
        var hash = await Database.HashGetAllAsync(RedisKeys.PoolQuota(id)).WaitAsync(cancellationToken).ConfigureAwait(false);
        var quota = new Dictionary<string, ModelQuota>(StringComparer.Ordinal);
        foreach (var (model, json) in hash.ToStringDictionary())
        {
            try
            {
                if (JsonSerializer.Deserialize(json, PoolStoreJsonContext.Default.ModelQuota) is { } value)
                {
                    quota[model] = value;
                }
            }
            catch (JsonException)
            {
                // A corrupt entry is dropped; the next quota refresh rewrites it.
            }
        }
        return quota;
    }

    /// <summary>Replaces the account's quota with <paramref name="models"/>.</summary>
    public async Task ReplaceQuotaAsync(string id, IReadOnlyList<ModelQuota> models, long nowMs, CancellationToken cancellationToken)
    {
        var key = RedisKeys.PoolQuota(id);
        var transaction = Database.CreateTransaction();
        _ = transaction.KeyDeleteAsync(key);
        if (models.Count > 0)
        {
            _ = transaction.HashSetAsync(key, [.. models.Select(model => new HashEntry(model.Model, JsonSerializer.Serialize(model, PoolStoreJsonContext.Default.ModelQuota)))]);
        }
        await transaction.ExecuteAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        await UpdateFieldsAsync(id, [new("quotaUpdatedAt", AccountRecord.Text(nowMs))], cancellationToken).ConfigureAwait(false);
    }

    // ---- cooldowns and counters ----

    public async Task<IReadOnlyList<Cooldown>> GetCooldownsAsync(string id, long nowMs, CancellationToken cancellationToken)
    {
        var hash = await Database.HashGetAllAsync(RedisKeys.PoolCooldowns(id)).WaitAsync(cancellationToken).ConfigureAwait(false);
        List<Cooldown> active = [];
        foreach (var (model, value) in hash.ToStringDictionary())
        {
            if (ParseCooldown(model, value) is { } cooldown && cooldown.UntilMs > nowMs)
            {
                active.Add(cooldown);
            }
        }
        return active;
    }

    public async Task<bool> ClearCooldownAsync(string id, string model, CancellationToken cancellationToken)
    {
        var cleared = await Database.HashDeleteAsync(RedisKeys.PoolCooldowns(id), model).WaitAsync(cancellationToken).ConfigureAwait(false);
        await BumpVersionAsync().ConfigureAwait(false);
        return cleared;
    }

    public async Task<long> ClearAllCooldownsAsync(string id, CancellationToken cancellationToken)
    {
        var cleared = await Database.KeyDeleteAsync([RedisKeys.PoolCooldowns(id), RedisKeys.PoolFailures(id)]).WaitAsync(cancellationToken).ConfigureAwait(false);
        await BumpVersionAsync().ConfigureAwait(false);
        return cleared;
    }

    public async Task<IReadOnlyDictionary<string, long>> GetLeaseCountsAsync(CancellationToken cancellationToken)
    {
        var hash = await Database.HashGetAllAsync(RedisKeys.PoolLeaseCounts).WaitAsync(cancellationToken).ConfigureAwait(false);
        return hash.ToDictionary(e => e.Name.ToString(), e => long.TryParse(e.Value.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0, StringComparer.Ordinal);
    }

    public static Cooldown? ParseCooldown(string model, string value)
    {
        var bar = value.IndexOf('|', StringComparison.Ordinal);
        var number = bar < 0 ? value : value[..bar];
        return long.TryParse(number, NumberStyles.Integer, CultureInfo.InvariantCulture, out var until)
            ? new Cooldown(model, until, bar < 0 ? "" : value[(bar + 1)..])
            : null;
    }

    private static RedisValue[] Flatten(IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        var args = new RedisValue[fields.Count * 2];
        for (var i = 0; i < fields.Count; i++)
        {
            args[2 * i] = fields[i].Key;
            args[2 * i + 1] = fields[i].Value;
        }
        return args;
    }
}
