namespace Antigravity.AccountPool.Leasing;

/// <summary>
/// The pool's atomic steps, one small Lua script each, so that replicas sharing a Redis never disagree.
/// Policy (sorting, power-of-two-choices) happens in C# on a snapshot; these scripts only re-check and claim.
/// </summary>
internal static class PoolScripts
{
    /// <summary>
    /// KEYS[1] = account hash; ARGV = field, value, field, value…  Sets the fields only if the account still
    /// exists (a concurrent delete must not leave a half account behind). Returns 1 if set, 0 if absent.
    /// </summary>
    public const string UpdateIfExists = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
        for i = 1, #ARGV, 2 do
          redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
        end
        return 1
        """;

    /// <summary>
    /// Claims an account for a lease, re-checking what the snapshot said:
    /// KEYS = account hash, cooldown hash, lease-count hash, lease hash, sticky key;
    /// ARGV = now (ms), model, account id, lease TTL (ms), sticky TTL (ms), bind sticky ('1'/'0'), session key.
    /// Returns 0 when claimed, -1 when the account is disabled or gone, or the end (ms) of the cooldown that
    /// started in between.
    /// </summary>
    public const string Claim = """
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
        redis.call('HSET', KEYS[4], 'accountId', ARGV[3])
        redis.call('HSET', KEYS[4], 'model', ARGV[2])
        redis.call('HSET', KEYS[4], 'session', ARGV[7])
        redis.call('PEXPIRE', KEYS[4], ARGV[4])
        if ARGV[6] == '1' then redis.call('SET', KEYS[5], ARGV[3], 'PX', ARGV[5]) end
        return 0
        """;

    /// <summary>
    /// Puts (account, model) in cooldown unless a longer one is already set:
    /// KEYS[1] = cooldown hash; ARGV = model (or '*'), until (ms), reason. Returns the cooldown end in force.
    /// </summary>
    public const string Cooldown = """
        local current = redis.call('HGET', KEYS[1], ARGV[1])
        if current then
          local untilMs = tonumber(string.match(current, '^(%d+)'))
          if untilMs and untilMs >= tonumber(ARGV[2]) then return untilMs end
        end
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. '|' .. ARGV[3])
        return tonumber(ARGV[2])
        """;
}
