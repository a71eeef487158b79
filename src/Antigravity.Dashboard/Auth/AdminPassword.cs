using System.Security.Cryptography;
using System.Text;
using Antigravity.Contracts;
using Microsoft.Extensions.Options;
using Antigravity.Contracts.Redis;
using StackExchange.Redis;

namespace Antigravity.Dashboard.Auth;

/// <summary>
/// The dashboard's admin password. A configured one (<c>Dashboard:AdminPassword</c>) wins and is written to
/// Redis so the AppHost can print it; otherwise the first replica to start generates one and stores it
/// with <c>SET NX</c>, so replicas starting together agree. The value is re-read every few seconds so that
/// all replicas follow when an operator resets it in Redis; it is never logged.
/// </summary>
internal sealed partial class AdminPassword(
    IConnectionMultiplexer redis,
    IOptions<DashboardOptions> options,
    TimeProvider time,
    ILogger<AdminPassword> logger)
{
    /// <summary>Length of a generated password (url-safe characters, ~143 bits).</summary>
    public const int GeneratedLength = 24;

    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _cached;
    private DateTimeOffset _cachedAt;

    private string? Configured => options.Value.AdminPassword is { Length: > 0 } value ? value : null;

    /// <summary>Makes sure the password exists in Redis (called at start-up, retried until Redis answers).</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (Configured is { } configured)
        {
            await redis.GetDatabase().StringSetAsync(RedisKeys.DashboardAdminPassword, configured).WaitAsync(cancellationToken).ConfigureAwait(false);
            Log.UsingConfigured(logger, RedisKeys.DashboardAdminPassword);
            return;
        }
        await GetAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The current password. Throws a <see cref="RedisException"/> or <see cref="RedisTimeoutException"/> when it cannot be known.</summary>
    public async ValueTask<string> GetAsync(CancellationToken cancellationToken = default)
    {
        if (Configured is { } configured)
        {
            return configured;
        }
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
                    if (await database.StringSetAsync(RedisKeys.DashboardAdminPassword, Generate(), null, When.NotExists).ConfigureAwait(false))
                    {
                        Log.Generated(logger, RedisKeys.DashboardAdminPassword);
                    }
                    stored = (string?)await database.StringGetAsync(RedisKeys.DashboardAdminPassword).ConfigureAwait(false)
                        ?? throw new InvalidOperationException("The admin password vanished from Redis right after it was stored.");
                }
                _cached = stored;
                _cachedAt = time.GetUtcNow();
                return stored;
            }
            catch (Exception ex) when (ex.IsRedisOutage() && _cached is { } stale)
            {
                // Redis blinked: the last known password is still the best answer.
                return stale;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>True when <paramref name="candidate"/> is the admin password (constant-time comparison).</summary>
    public async ValueTask<bool> MatchesAsync(string? candidate, CancellationToken cancellationToken = default)
    {
        var expected = await GetAsync(cancellationToken).ConfigureAwait(false);
        return Matches(expected, candidate);
    }

    /// <summary>A stamp of the password that a session cookie carries, so changing the password ends old sessions.</summary>
    public async ValueTask<string> SessionStampAsync(CancellationToken cancellationToken = default) =>
        Stamp(await GetAsync(cancellationToken).ConfigureAwait(false));

    internal static bool Matches(string expected, string? candidate)
    {
        if (candidate is null)
        {
            return false;
        }
        // Hash both sides first so the comparison time depends neither on the content nor on the length.
        Span<byte> left = stackalloc byte[32];
        Span<byte> right = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(expected), left);
        SHA256.HashData(Encoding.UTF8.GetBytes(candidate), right);
        return CryptographicOperations.FixedTimeEquals(left, right);
    }

    internal static string Stamp(string password) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("antigravity-dashboard-session\n" + password)).AsSpan(0, 16));

    internal static string Generate() => RandomNumberGenerator.GetString(Alphabet, GeneratedLength);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Generated the dashboard admin password and stored it in Redis at {Key}; the AppHost prints it.")]
        public static partial void Generated(ILogger logger, string key);

        [LoggerMessage(2, LogLevel.Information, "Using the configured dashboard admin password (Dashboard:AdminPassword); copied to Redis at {Key} for the AppHost.")]
        public static partial void UsingConfigured(ILogger logger, string key);
    }
}
