using System.Globalization;
using System.Text.Json;
using Antigravity.AccountPool.Quota;
using Antigravity.Contracts;
using Antigravity.Redis;

namespace Antigravity.AccountPool.Accounts;

/// <summary>A cooldown as stored: until when (Unix ms) and why.</summary>
internal readonly record struct Cooldown(string Model, long UntilMs, string Reason);

/// <summary>
/// Reads and writes the pool's Redis state: account hashes and their index, quota, cooldowns and the
/// fairness counters. Decisions that must be atomic across replicas live in <see cref="Leasing.PoolScripts"/>.
/// </summary>
internal sealed class AccountStore(IRedisClient redis)
{
    public async Task SaveAsync(AccountRecord account, CancellationToken cancellationToken)
    {
        await redis.HashSetAsync(RedisKeys.PoolAccount(account.Id), account.ToHash(), cancellationToken).ConfigureAwait(false);
        await redis.SortedSetAddAsync(RedisKeys.PoolAccountIndex, account.Id, account.CreatedAtMs, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Changes some fields of an existing account (never re-creates a deleted one).</summary>
    public async Task<bool> UpdateFieldsAsync(string id, IReadOnlyList<KeyValuePair<string, string>> fields, CancellationToken cancellationToken)
    {
        var result = await redis.ScriptEvaluateAsync(Leasing.PoolScripts.UpdateIfExists, [RedisKeys.PoolAccount(id)], Flatten(fields), cancellationToken).ConfigureAwait(false);
        return result.AsInt64() == 1;
    }

    public async Task<AccountRecord?> GetAsync(string id, CancellationToken cancellationToken) =>
        AccountRecord.FromHash(await redis.HashGetAllAsync(RedisKeys.PoolAccount(id), cancellationToken).ConfigureAwait(false));

    public async Task<IReadOnlyList<string>> ListIdsAsync(CancellationToken cancellationToken)
    {
        var entries = await redis.SortedSetRangeByRankAsync(RedisKeys.PoolAccountIndex, cancellationToken: cancellationToken).ConfigureAwait(false);
        return entries.Select(e => e.Member).ToList();
    }

    /// <summary>Every account, in the order they were added (requests sent together, one pipelined round).</summary>
    public async Task<IReadOnlyList<AccountRecord>> ListAsync(CancellationToken cancellationToken)
    {
        var ids = await ListIdsAsync(cancellationToken).ConfigureAwait(false);
        var hashes = await Task.WhenAll(ids.Select(id => redis.HashGetAllAsync(RedisKeys.PoolAccount(id), cancellationToken))).ConfigureAwait(false);
        return hashes.Select(AccountRecord.FromHash).OfType<AccountRecord>().ToList();
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        var removed = await redis.KeyDeleteAsync(
            [RedisKeys.PoolAccount(id), RedisKeys.PoolQuota(id), RedisKeys.PoolCooldowns(id), RedisKeys.PoolFailures(id)],
            cancellationToken).ConfigureAwait(false);
        var indexed = await redis.SortedSetRemoveAsync(RedisKeys.PoolAccountIndex, id, cancellationToken).ConfigureAwait(false);
        await redis.HashDeleteAsync(RedisKeys.PoolLeaseCounts, [id], cancellationToken).ConfigureAwait(false);
        return removed > 0 || indexed;
    }

    // ---- quota ----

    public async Task<IReadOnlyDictionary<string, ModelQuota>> GetQuotaAsync(string id, CancellationToken cancellationToken)
    {
        var hash = await redis.HashGetAllAsync(RedisKeys.PoolQuota(id), cancellationToken).ConfigureAwait(false);
        var quota = new Dictionary<string, ModelQuota>(StringComparer.Ordinal);
        foreach (var (model, json) in hash)
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
        List<RedisCommand> commands = [new("DEL", [key])];
        if (models.Count > 0)
        {
            List<string> args = [key];
            foreach (var model in models)
            {
                args.Add(model.Model);
                args.Add(JsonSerializer.Serialize(model, PoolStoreJsonContext.Default.ModelQuota));
            }
            commands.Add(new("HSET", args));
        }
        await redis.TransactionAsync(commands, cancellationToken: cancellationToken).ConfigureAwait(false);
        await UpdateFieldsAsync(id, [new("quotaUpdatedAt", AccountRecord.Text(nowMs))], cancellationToken).ConfigureAwait(false);
    }

    // ---- cooldowns and counters ----

    public async Task<IReadOnlyList<Cooldown>> GetCooldownsAsync(string id, long nowMs, CancellationToken cancellationToken)
    {
        var hash = await redis.HashGetAllAsync(RedisKeys.PoolCooldowns(id), cancellationToken).ConfigureAwait(false);
        List<Cooldown> active = [];
        foreach (var (model, value) in hash)
        {
            if (ParseCooldown(model, value) is { } cooldown && cooldown.UntilMs > nowMs)
            {
                active.Add(cooldown);
            }
        }
        return active;
    }

    public Task<long> ClearCooldownAsync(string id, string model, CancellationToken cancellationToken) =>
        redis.HashDeleteAsync(RedisKeys.PoolCooldowns(id), [model], cancellationToken);

    public Task<long> ClearAllCooldownsAsync(string id, CancellationToken cancellationToken) =>
        redis.KeyDeleteAsync([RedisKeys.PoolCooldowns(id), RedisKeys.PoolFailures(id)], cancellationToken);

    public async Task<IReadOnlyDictionary<string, long>> GetLeaseCountsAsync(CancellationToken cancellationToken)
    {
        var hash = await redis.HashGetAllAsync(RedisKeys.PoolLeaseCounts, cancellationToken).ConfigureAwait(false);
        return hash.ToDictionary(e => e.Key, e => long.TryParse(e.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0, StringComparer.Ordinal);
    }

    public static Cooldown? ParseCooldown(string model, string value)
    {
        var bar = value.IndexOf('|', StringComparison.Ordinal);
        var number = bar < 0 ? value : value[..bar];
        return long.TryParse(number, NumberStyles.Integer, CultureInfo.InvariantCulture, out var until)
            ? new Cooldown(model, until, bar < 0 ? "" : value[(bar + 1)..])
            : null;
    }

    private static List<string> Flatten(IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        List<string> args = new(fields.Count * 2);
        foreach (var (field, value) in fields)
        {
            args.Add(field);
            args.Add(value);
        }
        return args;
    }
}
