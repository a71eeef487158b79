using System.Globalization;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Antigravity.Contracts.Redis;

/// <summary>
/// Confirms that what this process wrote so far is on disk before an admin change answers 2xx. Redis (Garnet or
/// redis-server) runs without a per-write flush so the request path never waits for the disk; the writes a user
/// must not lose (an account added, a key regenerated, a setting changed) wait here instead, once each:
/// <list type="bullet">
/// <item>Garnet: <c>COMMITAOF</c> returns once the append-only log up to now is committed.</item>
/// <item>Redis 7.2 and later: <c>WAITAOF 1 0 …</c> returns once this connection's writes are fsynced.</item>
/// <item>Redis 7.0 (Debian 12's): <c>BGREWRITEAOF</c>, then wait for that rewrite to finish; the rewritten base file
/// and manifest are fsynced and hold every write made before it started.</item>
/// </list>
/// An external server that offers none of these keeps its own persistence policy (documented in docs/reliability.md).
/// </summary>
public sealed partial class RedisDurability(IConnectionMultiplexer redis, TimeProvider time, ILogger<RedisDurability> logger)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(5);
    private readonly SemaphoreSlim _rewriteGate = new(1, 1);
    private Flavour? _flavour;

    private enum Flavour { Garnet, WaitAof, Rewrite, None }

    /// <summary>Returns once the writes made before the call are durable (or the server offers no way to confirm it).</summary>
    public async Task ConfirmAsync(CancellationToken cancellationToken = default)
    {
        var database = redis.GetDatabase();
        _flavour ??= await DetectAsync(database).ConfigureAwait(false);
        switch (_flavour)
        {
            case Flavour.Garnet:
                await database.ExecuteAsync("COMMITAOF").WaitAsync(Deadline, cancellationToken).ConfigureAwait(false);
                break;
            case Flavour.WaitAof:
                // Answers [local fsynced, replicas]: the local count is 0 when the deadline passed first.
                var acknowledged = (RedisResult[])(await database.ExecuteAsync("WAITAOF", 1, 0, (long)Deadline.TotalMilliseconds).WaitAsync(cancellationToken).ConfigureAwait(false))!;
                if ((long)acknowledged[0] < 1)
                {
                    throw new RedisException("Redis did not confirm the write on disk within " + Deadline.TotalSeconds + " s (WAITAOF).");
                }
                break;
            case Flavour.Rewrite:
                await RewriteAsync(database, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private async Task<Flavour> DetectAsync(IDatabase database)
    {
        try
        {
            // Garnet's own command; Redis answers "unknown command".
            await database.ExecuteAsync("COMMITAOF").ConfigureAwait(false);
            return Flavour.Garnet;
        }
        catch (RedisServerException)
        {
        }
        Dictionary<string, string> server, persistence;
        try
        {
            server = Fields((string?)await database.ExecuteAsync("INFO", "server").ConfigureAwait(false));
            persistence = Fields((string?)await database.ExecuteAsync("INFO", "persistence").ConfigureAwait(false));
        }
        catch (RedisCommandException)
        {
            // A client made without allowAdmin (RedisRegistration sets it) may not ask.
            Log.CannotAsk(logger);
            return Flavour.None;
        }
        if (persistence.GetValueOrDefault("aof_enabled") != "1")
        {
            Log.NoAppendOnlyFile(logger);
            return Flavour.None;
        }
        var version = Version.TryParse(server.GetValueOrDefault("redis_version"), out var parsed) ? parsed : new Version(0, 0);
        return version >= new Version(7, 2) ? Flavour.WaitAof : persistence.ContainsKey("aof_rewrites") ? Flavour.Rewrite : Flavour.None;
    }

    private async Task RewriteAsync(IDatabase database, CancellationToken cancellationToken)
    {
        // One rewrite at a time from this process: concurrent admin changes share the next one.
        await _rewriteGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var before = await PersistenceAsync(database).ConfigureAwait(false);
            // A rewrite already running may have started before our write: wait for the one after it.
            var needed = Count(before, "aof_rewrites") + (before.GetValueOrDefault("aof_rewrite_in_progress") == "1" ? 2 : 1);
            try
            {
                await database.ExecuteAsync("BGREWRITEAOF").ConfigureAwait(false);
            }
            catch (RedisServerException)
            {
                // "already in progress": Redis schedules ours after it.
            }
            var deadline = time.GetUtcNow() + Deadline;
            while (true)
            {
                var now = await PersistenceAsync(database).ConfigureAwait(false);
                if (Count(now, "aof_rewrites") >= needed && now.GetValueOrDefault("aof_rewrite_in_progress") == "0" && now.GetValueOrDefault("aof_rewrite_scheduled") == "0")
                {
                    if (now.GetValueOrDefault("aof_last_bgrewrite_status") != "ok")
                    {
                        throw new RedisException("Redis could not write its append-only file (aof_last_bgrewrite_status is not ok): the change is not on disk.");
                    }
                    return;
                }
                if (time.GetUtcNow() > deadline)
                {
                    throw new RedisException("Redis did not finish writing its append-only file within " + Deadline.TotalSeconds + " s.");
                }
                await Task.Delay(PollInterval, time, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _rewriteGate.Release();
        }
    }

    private static async Task<Dictionary<string, string>> PersistenceAsync(IDatabase database) =>
        Fields((string?)await database.ExecuteAsync("INFO", "persistence").ConfigureAwait(false));

    private static long Count(Dictionary<string, string> fields, string name) =>
        long.TryParse(fields.GetValueOrDefault(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : 0;

    private static Dictionary<string, string> Fields(string? info)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in (info ?? "").Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[0] != '#')
            {
                fields[line[..colon]] = line[(colon + 1)..].TrimEnd('\r');
            }
        }
        return fields;
    }

    private static partial class Log
    {
        [LoggerMessage(2, LogLevel.Warning, "This Redis client may not run INFO (allowAdmin is off): admin changes are not confirmed on disk.")]
        public static partial void CannotAsk(ILogger logger);

        [LoggerMessage(1, LogLevel.Warning, "Redis has no append-only file: admin changes are kept only as its own persistence settings allow.")]
        public static partial void NoAppendOnlyFile(ILogger logger);
    }
}
