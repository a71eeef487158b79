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

    private readonly ConcurrentDictionary<HoldKey, Held> _held = new();

    /// <summary>How many leases are held now.</summary>
    public int Count => _held.Count;

    /// <summary>The lease held for <paramref name="call"/>'s session and model, or null.</summary>
    public AccountLease? Find(UpstreamCall call)
    {
        if (KeyOf(call) is not { } key || !_held.TryGetValue(key, out var held))
        {
            return null;
        }
        if (held.Until <= time.GetTimestamp())
        {
            _held.TryRemove(new(key, held));
            return null;
        }
        // Leased under other scheduling settings: ask the pool again.
        return ReferenceEquals(held.Scheduling, call.Scheduling) ? held.Lease : null;
    }

    /// <summary>Holds <paramref name="lease"/> for <paramref name="call"/>'s session, if the pool allows it.</summary>
    public void Hold(UpstreamCall call, AccountLease lease)
    {
        if (lease.HoldMilliseconds is not > 0 || lease.PoolVersion is null || KeyOf(call) is not { } key || _held.Count >= Capacity)
        {
            return;
        }
        var until = time.GetTimestamp() + lease.HoldMilliseconds.Value * time.TimestampFrequency / 1000;
        _held[key] = new Held(lease, call.Scheduling, until);
    }

    /// <summary>Stops holding <paramref name="lease"/> (an attempt on it failed).</summary>
    public void Drop(UpstreamCall call, AccountLease lease)
    {
        if (KeyOf(call) is { } key && _held.TryGetValue(key, out var held) && held.Lease.LeaseId == lease.LeaseId)
        {
            _held.TryRemove(new(key, held));
        }
    }

    /// <summary>Stops holding every lease (the pool changed, or its state cannot be checked).</summary>
    public void Clear() => _held.Clear();

    /// <summary>Stops holding the leases granted at another version of the pool than <paramref name="version"/>.</summary>
    public void RemoveStale(long version) => RemoveWhere(held => held.Lease.PoolVersion != version);

    /// <summary>Forgets the leases whose hold ended.</summary>
    public void RemoveExpired()
    {
        var now = time.GetTimestamp();
        RemoveWhere(held => held.Until <= now);
    }

    private void RemoveWhere(Func<Held, bool> match)
    {
        foreach (var entry in _held)
        {
            if (match(entry.Value))
            {
                _held.TryRemove(entry);
            }
        }
    }

    /// <summary>Where <paramref name="call"/>'s lease is held; null for a call without a session.</summary>
    private static HoldKey? KeyOf(UpstreamCall call) => call.SessionKey is { } session ? new HoldKey(session, call.Model, call.Kinds) : null;

    private sealed record Held(AccountLease Lease, SchedulingSettings Scheduling, long Until);

    /// <summary>
    /// A conversation's model under the account kinds its route may use: the same prompt sent to the OpenAI and the
    /// Anthropic route is two conversations, each with its own lease. Kinds compare by content.
    /// </summary>
    private readonly record struct HoldKey(string Session, string Model, IReadOnlyList<string> Kinds)
    {
        public bool Equals(HoldKey other) =>
            Session == other.Session && Model == other.Model && (ReferenceEquals(Kinds, other.Kinds) || Kinds.SequenceEqual(other.Kinds));

        public override int GetHashCode()
        {
            var hash = new HashCode();
            hash.Add(Session);
            hash.Add(Model);
            foreach (var kind in Kinds)
            {
                hash.Add(kind);
            }
            return hash.ToHashCode();
        }
    }
}
