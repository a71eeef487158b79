using System.Collections.Concurrent;
using Antigravity.AccountPool.Accounts;
using Antigravity.AccountPool.Quota;

namespace Antigravity.AccountPool.Leasing;

/// <summary>One account as leasing sees it: the record, its quota per model and its cooldowns.</summary>
internal sealed record PoolAccount(AccountRecord Account, IReadOnlyDictionary<string, ModelQuota> Quota, IReadOnlyList<Cooldown> Cooldowns);

/// <summary>The whole pool at one <see cref="Version"/> of <see cref="Contracts.RedisKeys.PoolVersion"/>.</summary>
internal sealed record PoolSnapshot(long Version, IReadOnlyList<PoolAccount> Accounts);

/// <summary>
/// The pool in memory, so a lease costs one Redis round trip (the claim script) whatever the pool's size. The view is
/// read again only when the claim script reports that the version moved (an account, quota, cooldown or state
/// changed anywhere) or when <see cref="MaxAge"/> passed; concurrent leases that find it stale share one reload.
/// Lease counts (the fairness counters) are read with the view and counted up locally in between.
/// </summary>
internal sealed class PoolView(AccountStore store, TimeProvider time)
{
    /// <summary>A safety net: even with no version change seen, the view is read again after this long.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private PoolSnapshot? _snapshot;
    private long _readAt;
    private Task<PoolSnapshot>? _reload;
    private ConcurrentDictionary<string, long> _leaseCounts = new(StringComparer.Ordinal);

    /// <summary>The current view; read from Redis first when there is none, it is older than <see cref="MaxAge"/>, or <paramref name="staleVersion"/> is the one held.</summary>
    public Task<PoolSnapshot> GetAsync(long? staleVersion = null)
    {
        lock (_gate)
        {
            if (_snapshot is { } snapshot && snapshot.Version != staleVersion && time.GetElapsedTime(_readAt) < MaxAge)
            {
                return Task.FromResult(snapshot);
            }
            return _reload ??= ReloadAsync();
        }
    }

    /// <summary>True when nothing changed in the pool since <paramref name="snapshot"/> was read (one round trip).</summary>
    public async Task<bool> IsCurrentAsync(PoolSnapshot snapshot) => await store.GetVersionAsync().ConfigureAwait(false) == snapshot.Version;

    /// <summary>Leases handed out per account, as read with the view plus the ones this process handed out since.</summary>
    public long LeaseCount(string accountId) => _leaseCounts.GetValueOrDefault(accountId);

    /// <summary>Counts a lease this process handed out.</summary>
    public void CountLease(string accountId) => _leaseCounts.AddOrUpdate(accountId, 1, static (_, count) => count + 1);

    private async Task<PoolSnapshot> ReloadAsync()
    {
        // Never completes inline, so the caller's `_reload ??=` always stores a task that is still running.
        await Task.Yield();
        try
        {
            var readAt = time.GetTimestamp();
            // The version first: a change that lands while the rest is read makes the next claim reload again.
            var version = await store.GetVersionAsync().ConfigureAwait(false);
            var accounts = await store.ListAsync(CancellationToken.None).ConfigureAwait(false);
            var nowMs = time.GetUtcNow().ToUnixTimeMilliseconds();
            var counts = store.GetLeaseCountsAsync(CancellationToken.None);
            var quotas = accounts.Select(a => store.GetQuotaAsync(a.Id, CancellationToken.None)).ToList();
            var cooldowns = accounts.Select(a => store.GetCooldownsAsync(a.Id, nowMs, CancellationToken.None)).ToList();
            await Task.WhenAll(Task.WhenAll(quotas), Task.WhenAll(cooldowns), counts).ConfigureAwait(false);
            var entries = new PoolAccount[accounts.Count];
            for (var i = 0; i < entries.Length; i++)
            {
                entries[i] = new PoolAccount(accounts[i], quotas[i].Result, cooldowns[i].Result);
            }
            var snapshot = new PoolSnapshot(version, entries);
            lock (_gate)
            {
                _snapshot = snapshot;
                _readAt = readAt;
                _leaseCounts = new ConcurrentDictionary<string, long>(counts.Result, StringComparer.Ordinal);
                _reload = null;
            }
            return snapshot;
        }
        catch
        {
            lock (_gate)
            {
                _reload = null;
            }
            throw;
        }
    }
}
