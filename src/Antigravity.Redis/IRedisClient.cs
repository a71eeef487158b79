namespace Antigravity.Redis;

/// <summary>
/// The narrow Redis surface the services use. One implementation (<see cref="RedisClient"/>) speaks
/// RESP over a multiplexed, pipelined connection; the surface is kept close to StackExchange.Redis's
/// so it can be swapped where that library restores.
/// </summary>
/// <remarks>
/// While the server is unreachable every call fails fast with <see cref="RedisConnectionException"/>;
/// the client reconnects in the background and restores subscriptions by itself.
/// A server error reply (<c>-ERR …</c>) raises <see cref="RedisServerException"/>.
/// Values are UTF-8 strings; <c>null</c> means the key or field does not exist.
/// </remarks>
public interface IRedisClient : IAsyncDisposable
{
    /// <summary>True while the command connection is established.</summary>
    bool IsConnected { get; }

    /// <summary>Raised (on a thread-pool thread, one notice at a time, in the order the changes happened) when the command connection is lost or restored.</summary>
    event EventHandler<RedisConnectionStateChangedEventArgs>? ConnectionStateChanged;

    /// <summary>Sends any command and returns its raw reply (escape hatch for commands not wrapped below).</summary>
    Task<RedisResult> ExecuteAsync(string command, IReadOnlyList<string> args, CancellationToken cancellationToken = default);

    /// <summary>Round-trip time of a <c>PING</c>.</summary>
    Task<TimeSpan> PingAsync(CancellationToken cancellationToken = default);

    // ---- keys ----

    /// <summary><c>DEL</c>; returns how many keys were removed.</summary>
    Task<long> KeyDeleteAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default);

    /// <summary><c>EXISTS</c> for one key.</summary>
    Task<bool> KeyExistsAsync(string key, CancellationToken cancellationToken = default);

    /// <summary><c>PEXPIRE</c>; false when the key does not exist.</summary>
    Task<bool> KeyExpireAsync(string key, TimeSpan ttl, CancellationToken cancellationToken = default);

    /// <summary><c>PTTL</c>; null when the key does not exist or has no expiry.</summary>
    Task<TimeSpan?> KeyTimeToLiveAsync(string key, CancellationToken cancellationToken = default);

    /// <summary><c>SCAN</c> with <c>MATCH</c>, iterated to the end.</summary>
    IAsyncEnumerable<string> KeyScanAsync(string pattern, int pageSize = 250, CancellationToken cancellationToken = default);

    // ---- strings ----

    /// <summary><c>GET</c>.</summary>
    Task<string?> StringGetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary><c>SET</c> with optional <c>PX</c> and <c>NX</c>/<c>XX</c>; false when the condition prevented it.</summary>
    Task<bool> StringSetAsync(string key, string value, TimeSpan? expiry = null, When when = When.Always, CancellationToken cancellationToken = default);

    /// <summary><c>INCRBY</c>.</summary>
    Task<long> StringIncrementAsync(string key, long by = 1, CancellationToken cancellationToken = default);

    // ---- hashes ----

    /// <summary><c>HGET</c>.</summary>
    Task<string?> HashGetAsync(string key, string field, CancellationToken cancellationToken = default);

    /// <summary><c>HGETALL</c>; empty when the key does not exist.</summary>
    Task<IReadOnlyDictionary<string, string>> HashGetAllAsync(string key, CancellationToken cancellationToken = default);

    /// <summary><c>HSET</c> of one field (or <c>HSETNX</c> with <see cref="When.NotExists"/>); true when a new field was created.</summary>
    Task<bool> HashSetAsync(string key, string field, string value, When when = When.Always, CancellationToken cancellationToken = default);

    /// <summary><c>HSET</c> of several fields.</summary>
    Task HashSetAsync(string key, IReadOnlyList<KeyValuePair<string, string>> fields, CancellationToken cancellationToken = default);

    /// <summary><c>HDEL</c>; how many fields were removed.</summary>
    Task<long> HashDeleteAsync(string key, IReadOnlyList<string> fields, CancellationToken cancellationToken = default);

    /// <summary><c>HINCRBY</c>.</summary>
    Task<long> HashIncrementAsync(string key, string field, long by = 1, CancellationToken cancellationToken = default);

    // ---- sorted sets ----

    /// <summary><c>ZADD</c> of one member; true when the member is new.</summary>
    Task<bool> SortedSetAddAsync(string key, string member, double score, CancellationToken cancellationToken = default);

    /// <summary><c>ZREM</c>; true when the member was removed.</summary>
    Task<bool> SortedSetRemoveAsync(string key, string member, CancellationToken cancellationToken = default);

    /// <summary><c>ZSCORE</c>; null when absent.</summary>
    Task<double?> SortedSetScoreAsync(string key, string member, CancellationToken cancellationToken = default);

    /// <summary><c>ZCARD</c>.</summary>
    Task<long> SortedSetLengthAsync(string key, CancellationToken cancellationToken = default);

    /// <summary><c>ZRANGE key start stop [REV] WITHSCORES</c> by rank.</summary>
    Task<IReadOnlyList<SortedSetEntry>> SortedSetRangeByRankAsync(string key, long start = 0, long stop = -1, bool descending = false, CancellationToken cancellationToken = default);

    /// <summary><c>ZRANGEBYSCORE key min max WITHSCORES [LIMIT 0 take]</c> (or the reverse).</summary>
    Task<IReadOnlyList<SortedSetEntry>> SortedSetRangeByScoreAsync(string key, double min = double.NegativeInfinity, double max = double.PositiveInfinity, bool descending = false, long take = -1, CancellationToken cancellationToken = default);

    /// <summary><c>ZREMRANGEBYRANK</c>; how many were removed.</summary>
    Task<long> SortedSetRemoveRangeByRankAsync(string key, long start, long stop, CancellationToken cancellationToken = default);

    /// <summary><c>ZREMRANGEBYSCORE</c>; how many were removed.</summary>
    Task<long> SortedSetRemoveRangeByScoreAsync(string key, double min, double max, CancellationToken cancellationToken = default);

    // ---- lists ----

    /// <summary><c>LPUSH</c>; the new length.</summary>
    Task<long> ListLeftPushAsync(string key, string value, CancellationToken cancellationToken = default);

    /// <summary><c>LRANGE</c>.</summary>
    Task<IReadOnlyList<string>> ListRangeAsync(string key, long start = 0, long stop = -1, CancellationToken cancellationToken = default);

    /// <summary><c>LTRIM</c>.</summary>
    Task ListTrimAsync(string key, long start, long stop, CancellationToken cancellationToken = default);

    // ---- streams ----

    /// <summary><c>XADD key [MAXLEN ~ n] * field value …</c>; returns the entry id.</summary>
    Task<string> StreamAddAsync(string key, IReadOnlyList<KeyValuePair<string, string>> fields, long? maxLength = null, CancellationToken cancellationToken = default);

    /// <summary><c>XRANGE</c> (or <c>XREVRANGE</c> when <paramref name="descending"/>) with <c>COUNT</c>.</summary>
    Task<IReadOnlyList<StreamEntry>> StreamRangeAsync(string key, string start = "-", string end = "+", int? count = null, bool descending = false, CancellationToken cancellationToken = default);

    /// <summary><c>XLEN</c>.</summary>
    Task<long> StreamLengthAsync(string key, CancellationToken cancellationToken = default);

    // ---- scripting and transactions ----

    /// <summary>Runs a Lua script with <c>EVALSHA</c>, falling back to <c>EVAL</c> (which loads it) on <c>NOSCRIPT</c>.</summary>
    Task<RedisResult> ScriptEvaluateAsync(LuaScript script, IReadOnlyList<string> keys, IReadOnlyList<string> args, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs the queued commands atomically in <c>MULTI</c>/<c>EXEC</c> and returns one reply per command.
    /// With <paramref name="watchKeys"/>, <c>WATCH</c>es them first and returns null when one changed.
    /// </summary>
    Task<IReadOnlyList<RedisResult>?> TransactionAsync(IReadOnlyList<RedisCommand> commands, IReadOnlyList<string>? watchKeys = null, CancellationToken cancellationToken = default);

    // ---- pub/sub ----

    /// <summary><c>PUBLISH</c>; how many subscribers received it.</summary>
    Task<long> PublishAsync(string channel, string message, CancellationToken cancellationToken = default);

    /// <summary>
    /// Subscribes <paramref name="handler"/> to <paramref name="channel"/> on the dedicated pub/sub connection.
    /// The subscription survives reconnects (it is re-issued when the connection returns).
    /// Dispose the returned object to unsubscribe.
    /// </summary>
    Task<IAsyncDisposable> SubscribeAsync(string channel, Action<string, string> handler, CancellationToken cancellationToken = default);
}

/// <summary>Condition for set operations.</summary>
public enum When
{
    /// <summary>Always set.</summary>
    Always,

    /// <summary>Only when the key or field does not exist (<c>NX</c>, <c>HSETNX</c>).</summary>
    NotExists,

    /// <summary>Only when the key exists (<c>XX</c>).</summary>
    Exists,
}

/// <summary>One command queued for a transaction.</summary>
/// <param name="Command">The command name, e.g. <c>HSET</c>.</param>
/// <param name="Args">Its arguments.</param>
public sealed record RedisCommand(string Command, IReadOnlyList<string> Args);

/// <summary>A member of a sorted set with its score.</summary>
public readonly record struct SortedSetEntry(string Member, double Score);

/// <summary>One stream entry.</summary>
public sealed record StreamEntry(string Id, IReadOnlyList<KeyValuePair<string, string>> Fields);

/// <summary>Event data for <see cref="IRedisClient.ConnectionStateChanged"/>.</summary>
public sealed class RedisConnectionStateChangedEventArgs(bool isConnected, Exception? error) : EventArgs
{
    /// <summary>The new state.</summary>
    public bool IsConnected { get; } = isConnected;

    /// <summary>Why the connection was lost, when it was.</summary>
    public Exception? Error { get; } = error;
}
