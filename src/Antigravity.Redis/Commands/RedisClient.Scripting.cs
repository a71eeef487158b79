using Antigravity.Redis.Commands;
using Antigravity.Redis.Protocol;

namespace Antigravity.Redis;

public sealed partial class RedisClient
{
    /// <inheritdoc />
    public async Task<RedisResult> ScriptEvaluateAsync(LuaScript script, IReadOnlyList<string> keys, IReadOnlyList<string> args, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(args);
        string[] tail = [RedisArgs.Integer(keys.Count), .. keys, .. args];
        var reply = await SendAsync("EVALSHA", [script.Sha1, .. tail], cancellationToken).ConfigureAwait(false);
        if (reply.Type == RedisResultType.Error && reply.AsString()?.StartsWith("NOSCRIPT", StringComparison.Ordinal) == true)
        {
            // The server does not know the script yet (first use, restart, SCRIPT FLUSH): EVAL sends and caches it.
            reply = await SendAsync("EVAL", [script.Source, .. tail], cancellationToken).ConfigureAwait(false);
        }
        return ThrowIfError(reply);
    }
}
