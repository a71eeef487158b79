namespace Antigravity.AccountPool.Leasing;

/// <summary>
/// The pool's atomic steps, one small Lua script each, so that replicas sharing a Redis never disagree.
/// Policy (sorting, power-of-two-choices) happens in C# on a snapshot; these scripts only re-check and claim.
/// </summary>
internal static class PoolScripts
{
    /// <summary>
    /// KEYS = account hash, pool version; ARGV = field, value, field, value…  Sets the fields only if the account
    /// still exists (a concurrent delete must not leave a half account behind). Returns 1 if set, 0 if absent.
    /// </summary>
    public const string UpdateIfExists = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
        for i = 1, #ARGV, 2 do
          redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
        end
        redis.call('INCR', KEYS[2])
        return 1
        """;

    /// <summary>
    /// Claims an account for a lease, re-checking what the in-memory view said:
    /// KEYS = account hash, cooldown hash, lease-count hash, lease hash, sticky key, pool version;
    /// ARGV = now (ms), model, account id, lease TTL (ms), sticky TTL (ms), bind sticky ('1'/'0'), session key,
    /// the view's version, the access token's expiry (ms, or '').
    /// Returns 0 when claimed, -2 when the pool changed since the view was read, -1 when the account is disabled
    /// or gone, or the end (ms) of the cooldown that started in between.
    /// </summary>
    public const string Claim = """
        if (redis.call('GET', KEYS[6]) or '0') ~= ARGV[8] then return -2 end
        local now = tonumber(ARGV[1])
        local account = redis.call('HMGET', KEYS[1], 'enabled', 'state', 'stateUntil')
        if account[1] ~= '1' then return -1 end
        if account[2] ~= 'active' then
          local blockedUntil = tonumber(account[3] or '') or 0
          if account[2] ~= 'validation_required' or blockedUntil > now then return -1 end
        end
        for _, field in ipairs({ARGV[2], '*'}) do
          local cooldown = redis.call('HGET', KEYS[2], field)
          if cooldown then
            local untilMs = tonumber(string.match(cooldown, '^(%d+)'))
            if untilMs and untilMs > now then return untilMs end
          end
        end
        redis.call('HINCRBY', KEYS[3], ARGV[3], 1)
        redis.call('HSET', KEYS[1], 'lastUsedAt', ARGV[1])
        redis.call('HSET', KEYS[4], 'accountId', ARGV[3], 'model', ARGV[2], 'session', ARGV[7], 'tokenExpiresAt', ARGV[9])
        redis.call('PEXPIRE', KEYS[4], ARGV[4])
        if ARGV[6] == '1' then redis.call('SET', KEYS[5], ARGV[3], 'PX', ARGV[5]) end
        return 0
        """;

    /// <summary>
    /// Puts (account, model) in cooldown unless a longer one is already set:
    /// KEYS = cooldown hash, pool version; ARGV = model (or '*'), until (ms), reason. Returns the cooldown end in force.
    /// </summary>
    public const string Cooldown = """
        local current = redis.call('HGET', KEYS[1], ARGV[1])
        if current then
          local untilMs = tonumber(string.match(current, '^(%d+)'))
          if untilMs and untilMs >= tonumber(ARGV[2]) then return untilMs end
        end
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. '|' .. ARGV[3])
        redis.call('INCR', KEYS[2])
        return tonumber(ARGV[2])
        """;

    /// <summary>
    /// Records a successful attempt in one step: clears the (account, model) failure count behind the backoff ladder
    /// and adds the token usage to the account, if the account still exists.
    /// KEYS[1] = lease hash; ARGV = input tokens, output tokens, the failures key prefix, the account key prefix.
    /// Returns 1, or 0 when the lease is unknown or expired.
    /// </summary>
    public const string Success = """
        local lease = redis.call('HMGET', KEYS[1], 'accountId', 'model')
        if not lease[1] or not lease[2] then return 0 end
        redis.call('HDEL', ARGV[3] .. lease[1], lease[2])
        local account = ARGV[4] .. lease[1]
        if redis.call('EXISTS', account) == 1 then
          if tonumber(ARGV[1]) > 0 then redis.call('HINCRBY', account, 'inputTokens', ARGV[1]) end
          if tonumber(ARGV[2]) > 0 then redis.call('HINCRBY', account, 'outputTokens', ARGV[2]) end
        end
        return 1
        """;
}
