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

    /// <inheritdoc />
    public async Task<IReadOnlyList<RedisResult>?> TransactionAsync(IReadOnlyList<RedisCommand> commands, IReadOnlyList<string>? watchKeys = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commands);
        foreach (var command in commands)
        {
            ArgumentNullException.ThrowIfNull(command);
            ConnectionBoundCommands.ThrowIfRejected(command.Command);
        }

        // WATCH, MULTI, the commands and EXEC go out as one write, so no other caller's command can land in between.
        var batch = new List<(string, IReadOnlyList<string>)>(commands.Count + 3);
        var watching = watchKeys is { Count: > 0 };
        if (watching)
        {
            batch.Add(("WATCH", watchKeys!));
        }
        batch.Add(("MULTI", []));
        foreach (var command in commands)
        {
            batch.Add((command.Command, command.Args));
        }
        batch.Add(("EXEC", []));

        var replies = await SendBatchAsync("MULTI/EXEC", RespWriter.Encode(batch), batch.Count, cancellationToken).ConfigureAwait(false);
        var exec = replies[^1];
        if (exec.Type == RedisResultType.Error)
        {
            // EXECABORT: a command was refused while queuing; report that command's own error.
            var queued = Array.Find(replies[..^1], r => r.Type == RedisResultType.Error);
            throw new RedisServerException(queued?.AsString() ?? exec.AsString() ?? "EXECABORT");
        }
        return exec.IsNull ? null : exec.AsArray();
    }
}
