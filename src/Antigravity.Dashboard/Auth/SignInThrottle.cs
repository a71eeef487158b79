using System.Collections.Concurrent;
using System.Net;

namespace Antigravity.Dashboard.Auth;

/// <summary>
/// Slows down password guessing, per client address, for both the admin API and the sign-in form.
/// Up to <see cref="FreeFailures"/> wrong passwords within <see cref="Window"/> cost nothing; from the
/// fifth on, the address is locked out for 10 s, then 20 s, 40 s … up to 15 minutes. During a lockout
/// every credential check from that address is refused (429 with <c>Retry-After</c>) without looking at
/// the password. A quiet minute after the last failure or lockout forgets the address; a successful
/// sign-in forgets it at once.
/// </summary>
internal sealed class SignInThrottle(TimeProvider time)
{
    /// <summary>Failures allowed before the first lockout.</summary>
    public const int FreeFailures = 4;

    /// <summary>How long failures are remembered after the last one (or after the lockout ends).</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>The first lockout; each further failure doubles it.</summary>
    public static readonly TimeSpan FirstLockout = TimeSpan.FromSeconds(10);

    /// <summary>The longest lockout.</summary>
    public static readonly TimeSpan MaxLockout = TimeSpan.FromMinutes(15);

    // Enough for any honest use; beyond it, forgotten entries are pruned so memory stays bounded.
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>How long <paramref name="client"/> must still wait, or null when it may try now.</summary>
    public TimeSpan? RetryAfter(IPAddress? client)
    {
        if (!_entries.TryGetValue(Key(client), out var entry))
        {
            return null;
        }
        lock (entry)
        {
            var wait = entry.LockedUntil - time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : null;
        }
    }

    /// <summary>Records a wrong password; returns the lockout it causes, if any.</summary>
    public TimeSpan? RecordFailure(IPAddress? client)
    {
        var now = time.GetUtcNow();
        if (_entries.Count > PruneAbove)
        {
            Prune(now);
        }
        var entry = _entries.GetOrAdd(Key(client), _ => new Entry());
        lock (entry)
        {
            if (entry.IsForgotten(now))
            {
                entry.Failures = 0;
            }
            entry.Failures++;
            entry.LastFailure = now;
            if (entry.Failures <= FreeFailures)
            {
                return null;
            }
            var doublings = Math.Min(entry.Failures - FreeFailures - 1, 16);
            var lockout = TimeSpan.FromTicks(Math.Min(FirstLockout.Ticks << doublings, MaxLockout.Ticks));
            entry.LockedUntil = now + lockout;
            return lockout;
        }
    }

    /// <summary>Forgets the failures of <paramref name="client"/> after a correct password.</summary>
    public void RecordSuccess(IPAddress? client) => _entries.TryRemove(Key(client), out _);

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, entry) in _entries)
        {
            bool forgotten;
            lock (entry)
            {
                forgotten = entry.IsForgotten(now);
            }
            if (forgotten)
            {
                _entries.TryRemove(key, out _);
            }
        }
    }

    private static string Key(IPAddress? client) =>
        client is null ? "unknown" : (client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client).ToString();

    private sealed class Entry
    {
        public int Failures;
        public DateTimeOffset LastFailure;
        public DateTimeOffset LockedUntil;

        public bool IsForgotten(DateTimeOffset now) =>
            now - (LockedUntil > LastFailure ? LockedUntil : LastFailure) >= Window;
    }
}
