using System.Security.Cryptography;
using System.Text;
using Antigravity.Contracts;
using Antigravity.Contracts.Auth;
using Antigravity.Contracts.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Antigravity.Dashboard.Auth;

/// <summary>
/// The dashboard's admin password. Redis keeps only its salted PBKDF2 hash (<see cref="AdminPasswords"/>) at
/// <see cref="RedisKeys.DashboardAdminPassword"/>. A configured one (<c>Dashboard:AdminPassword</c>) wins and its
/// hash is written there so every replica follows; otherwise the first replica to start stores the hash of
/// <c>Dashboard:InitialAdminPassword</c> (the AppHost passes one and prints it) or of a generated one, with
/// <c>SET NX</c>, so replicas starting together agree. The record is re-read every few seconds so all replicas
/// follow a reset; the password is never logged.
/// </summary>
internal sealed partial class AdminPassword(
    IConnectionMultiplexer redis,
    RedisDurability durability,
    IOptions<DashboardOptions> options,
    TimeProvider time,
    ILogger<AdminPassword> logger)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    // Replaces a password stored in clear by its hash, unless the record changed meanwhile.
    private const string ReplaceIfUnchanged = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
          redis.call('SET', KEYS[1], ARGV[2])
          return 1
        end
        return 0
        """;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _cached;
    private DateTimeOffset _cachedAt;
    // The last record a password was verified against, and that password's SHA-256: the admin API sends the
    // password with every request, and PBKDF2 is deliberately too slow to run each time.
    private volatile VerifiedPassword? _verified;

    private sealed record VerifiedPassword(string Record, byte[] Digest);

    private string? Configured => options.Value.AdminPassword is { Length: > 0 } value ? value : null;

    /// <summary>Makes sure a password record exists in Redis (called at start-up, retried until Redis answers).</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (Configured is { } configured)
        {
            var database = redis.GetDatabase();
            var stored = (string?)await database.StringGetAsync(RedisKeys.DashboardAdminPassword).WaitAsync(cancellationToken).ConfigureAwait(false);
            // Rehashed only when it changed: a new salt would otherwise end every session at each restart.
            if (!AdminPasswords.IsHash(stored) || !AdminPasswords.Verify(stored, configured))
            {
                await database.StringSetAsync(RedisKeys.DashboardAdminPassword, AdminPasswords.Hash(configured)).WaitAsync(cancellationToken).ConfigureAwait(false);
                await durability.ConfirmAsync(cancellationToken).ConfigureAwait(false);
            }
            Log.UsingConfigured(logger, RedisKeys.DashboardAdminPassword);
            return;
        }
        await GetRecordAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The stored record (a hash, or a password an earlier version kept in clear). Throws a
    /// <see cref="RedisException"/> or <see cref="RedisTimeoutException"/> when it cannot be known.
    /// </summary>
    public async ValueTask<string> GetRecordAsync(CancellationToken cancellationToken = default)
    {
        if (_cached is { } cached && time.GetUtcNow() - _cachedAt < CacheFor)
        {
            return cached;
        }
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_cached is { } fresh && time.GetUtcNow() - _cachedAt < CacheFor)
            {
                return fresh;
            }
            try
            {
                var database = redis.GetDatabase();
                var stored = (string?)await database.StringGetAsync(RedisKeys.DashboardAdminPassword).ConfigureAwait(false);
                if (stored is null)
                {
                    var initial = options.Value.InitialAdminPassword is { Length: > 0 } given ? given : null;
                    if (await database.StringSetAsync(RedisKeys.DashboardAdminPassword, AdminPasswords.Hash(initial ?? AdminPasswords.Generate()), null, When.NotExists).ConfigureAwait(false))
                    {
                        // The AppHost prints this password once: it must outlive a crash of Redis.
                        await durability.ConfirmAsync(cancellationToken).ConfigureAwait(false);
                        if (initial is null)
                        {
                            Log.GeneratedUnknown(logger, RedisKeys.DashboardAdminPassword);
                        }
                        else
                        {
                            Log.Generated(logger, RedisKeys.DashboardAdminPassword);
                        }
                    }
                    stored = (string?)await database.StringGetAsync(RedisKeys.DashboardAdminPassword).ConfigureAwait(false)
                        ?? throw new InvalidOperationException("The admin password vanished from Redis right after it was stored.");
                }
                Remember(stored);
                return stored;
            }
            catch (Exception ex) when (ex.IsRedisOutage() && _cached is { } stale)
            {
                // Redis blinked: the last known record is still the best answer.
                return stale;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// True when <paramref name="candidate"/> is the admin password. A password still stored in clear by an
    /// earlier version is replaced by its hash on the first success.
    /// </summary>
    public async ValueTask<bool> MatchesAsync(string? candidate, CancellationToken cancellationToken = default)
    {
        if (candidate is null)
        {
            return false;
        }
        if (Configured is { } configured)
        {
            return AdminPasswords.ClearTextMatches(configured, candidate);
        }
        var record = await GetRecordAsync(cancellationToken).ConfigureAwait(false);
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(candidate));
        if (_verified is { } verified && verified.Record == record && CryptographicOperations.FixedTimeEquals(verified.Digest, digest))
        {
            return true;
        }
        if (!AdminPasswords.Verify(record, candidate))
        {
            return false;
        }
        if (!AdminPasswords.IsHash(record))
        {
            record = await ReplaceClearTextAsync(record, candidate).ConfigureAwait(false);
        }
        _verified = new VerifiedPassword(record, digest);
        return true;
    }

    /// <summary>A stamp of the password record that a session cookie carries, so changing the password ends old sessions.</summary>
    public async ValueTask<string> SessionStampAsync(CancellationToken cancellationToken = default) =>
        Stamp(Configured ?? await GetRecordAsync(cancellationToken).ConfigureAwait(false));

    internal static string Stamp(string password) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("antigravity-dashboard-session\n" + password)).AsSpan(0, 16));

    private async Task<string> ReplaceClearTextAsync(string clearRecord, string password)
    {
        var hash = AdminPasswords.Hash(password);
        try
        {
            var replaced = (long)await redis.GetDatabase().ScriptEvaluateAsync(ReplaceIfUnchanged, [RedisKeys.DashboardAdminPassword], [clearRecord, hash]).ConfigureAwait(false) == 1;
            if (replaced)
            {
                Log.Migrated(logger, RedisKeys.DashboardAdminPassword);
                await _gate.WaitAsync().ConfigureAwait(false);
                try
                {
                    Remember(hash);
                }
                finally
                {
                    _gate.Release();
                }
                return hash;
            }
        }
        catch (Exception ex) when (ex.IsRedisOutage() || ex is RedisServerException)
        {
            // Still accepted; the next sign-in tries again.
        }
        return clearRecord;
    }

    private void Remember(string record)
    {
        _cached = record;
        _cachedAt = time.GetUtcNow();
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Stored the hash of the dashboard admin password the AppHost chose at {Key}; the AppHost prints the password.")]
        public static partial void Generated(ILogger logger, string key);

        [LoggerMessage(2, LogLevel.Information, "Using the configured dashboard admin password (Dashboard:AdminPassword); its hash is stored in Redis at {Key} so every replica follows.")]
        public static partial void UsingConfigured(ILogger logger, string key);

        [LoggerMessage(3, LogLevel.Warning, "Generated a dashboard admin password and stored only its hash at {Key}: it cannot be shown. "
            + "Set Dashboard:AdminPassword (Dashboard__AdminPassword) to choose one, or start the dashboard through the AppHost, which prints the one it chose.")]
        public static partial void GeneratedUnknown(ILogger logger, string key);

        [LoggerMessage(4, LogLevel.Information, "The dashboard admin password that an earlier version stored in clear at {Key} is now stored as a salted hash.")]
        public static partial void Migrated(ILogger logger, string key);
    }
}
