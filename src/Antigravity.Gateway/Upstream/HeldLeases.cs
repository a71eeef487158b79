using System.Collections.Concurrent;
using Antigravity.Contracts.Leasing;
using Antigravity.Contracts.Settings;

namespace Antigravity.Gateway.Upstream;

/// <summary>
/// Leases the gateway keeps for a moment, so a conversation's next request skips the pool. The pool says which
/// leases may be held and for how long (<see cref="AccountLease.HoldMilliseconds"/>): only those that bind a session
/// to its account, which the pool would hand out again anyway for that session and model. A held lease serves the
/// same session, model, account kinds and scheduling settings, until the first of: its hold ends, an attempt on it
/// fails, or the pool changes (<see cref="PoolVersionWatch"/> drops a held lease once the pool's version moved past the
/// one it was granted at: an account, cooldown, quota or state changed anywhere).
/// </summary>
internal sealed class HeldLeases(TimeProvider time)
{
    /// <summary>Most leases held at once; beyond it new leases are not held (each conversation holds one per model).</summary>
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<(string Session, string Model), Held> _held = new();

    /// <summary>How many leases are held now.</summary>
    public int Count => _held.Count;

    /// <summary>The lease held for <paramref name="call"/>'s session and model, or null.</summary>
    public AccountLease? Find(UpstreamCall call)
    {
        if (call.SessionKey is not { } session || !_held.TryGetValue((session, call.Model), out var held))
        {
            return null;
        }
        if (held.Until <= time.GetTimestamp())
        {
            _held.TryRemove(new((session, call.Model), held));
            return null;
        }
        // Leased under other kinds (another dispatch mode) or other scheduling settings: ask the pool again.
        return ReferenceEquals(held.Scheduling, call.Scheduling) && held.Kinds.SequenceEqual(call.Kinds) ? held.Lease : null;
    }

    /// <summary>Holds <paramref name="lease"/> for <paramref name="call"/>'s session, if the pool allows it.</summary>
    public void Hold(UpstreamCall call, AccountLease lease)
    {
        if (lease.HoldMilliseconds is not > 0 || lease.PoolVersion is null || call.SessionKey is not { } session || _held.Count >= Capacity)
        {
            return;
        }
        var until = time.GetTimestamp() + lease.HoldMilliseconds.Value * time.TimestampFrequency / 1000;
        _held[(session, call.Model)] = new Held(lease, call.Kinds, call.Scheduling, until);
    }

    /// <summary>Stops holding <paramref name="lease"/> (an attempt on it failed).</summary>
    public void Drop(UpstreamCall call, AccountLease lease)
    {
        if (call.SessionKey is { } session && _held.TryGetValue((session, call.Model), out var held) && held.Lease.LeaseId == lease.LeaseId)
        {
            _held.TryRemove(new((session, call.Model), held));
        }
    }

    /// <summary>Stops holding every lease (the pool changed, or its state cannot be checked).</summary>
    public void Clear() => _held.Clear();

    /// <summary>Stops holding the leases granted at another version of the pool than <paramref name="version"/>.</summary>
    public void RemoveStale(long version)
    {
        foreach (var entry in _held)
        {
            if (entry.Value.Lease.PoolVersion != version)
            {
                _held.TryRemove(entry);
            }
        }
    }

    /// <summary>Forgets the leases whose hold ended.</summary>
    public void RemoveExpired()
    {
        var now = time.GetTimestamp();
        foreach (var entry in _held)
        {
            if (entry.Value.Until <= now)
            {
                _held.TryRemove(entry);
            }
        }
    }

    private sealed record Held(AccountLease Lease, IReadOnlyList<string> Kinds, SchedulingSettings Scheduling, long Until);
}
