using System.Security.Cryptography;
using System.Text;
using Antigravity.Contracts;
using Antigravity.Contracts.Redis;
using Antigravity.Gateway.Upstream;
using Antigravity.Protocols.Thinking;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Antigravity.Gateway.Thinking;

/// <summary>
/// The gateway's <see cref="ISignatureCache"/>: every signature is written to Redis with a TTL
/// (<see cref="UpstreamOptions.SignatureCacheHours"/>) so that the next turn of a conversation is healed by
/// whichever replica serves it, with an in-process copy in front so a replica does not ask Redis for what it
/// wrote itself. Redis trouble never fails a request: the cache then works from memory and logs once.
/// </summary>
internal sealed partial class RedisSignatureCache(IConnectionMultiplexer redis, IOptions<UpstreamOptions> options, ILogger<RedisSignatureCache> logger) : ISignatureCache
{
    private readonly InMemorySignatureCache _local = new();
    private int _redisFailing;

    /// <inheritdoc />
    public async ValueTask<string?> GetAsync(string sessionKey, string toolCallId, CancellationToken cancellationToken = default)
    {
        if (await _local.GetAsync(sessionKey, toolCallId, cancellationToken).ConfigureAwait(false) is { } local)
        {
            return local;
        }
        try
        {
            var stored = (string?)await redis.GetDatabase().StringGetAsync(Key(sessionKey, toolCallId)).ConfigureAwait(false);
            Recovered();
            if (!string.IsNullOrEmpty(stored))
            {
                await _local.SetAsync(sessionKey, toolCallId, stored, cancellationToken).ConfigureAwait(false);
                return stored;
            }
            return null;
        }
        catch (Exception exception) when (exception.IsRedisOutage() || exception is RedisServerException)
        {
            Failed(exception);
            return null;
        }
    }

    /// <inheritdoc />
    public async ValueTask SetAsync(string sessionKey, string toolCallId, string signature, CancellationToken cancellationToken = default)
    {
        await _local.SetAsync(sessionKey, toolCallId, signature, cancellationToken).ConfigureAwait(false);
        try
        {
            await redis.GetDatabase().StringSetAsync(Key(sessionKey, toolCallId), signature, TimeSpan.FromHours(options.Value.SignatureCacheHours), When.Always).ConfigureAwait(false);
            Recovered();
        }
        catch (Exception exception) when (exception.IsRedisOutage() || exception is RedisServerException)
        {
            Failed(exception);
        }
    }

    /// <summary>The Redis key of one (session, tool call): a hash, so neither long nor secret-looking text lands in key names.</summary>
    internal static string Key(string sessionKey, string toolCallId)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(sessionKey + "\n" + toolCallId), hash);
        return RedisKeys.ThinkingSignature(Convert.ToHexStringLower(hash[..16]));
    }

    private void Failed(Exception exception)
    {
        if (Interlocked.Exchange(ref _redisFailing, 1) == 0)
        {
            Log.RedisUnavailable(logger, exception.Message);
        }
    }

    private void Recovered() => Interlocked.Exchange(ref _redisFailing, 0);

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Thinking signatures are kept in this replica's memory only until Redis answers again: {Reason}")]
        public static partial void RedisUnavailable(ILogger logger, string reason);
    }
}
