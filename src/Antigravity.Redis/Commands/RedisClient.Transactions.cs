using Antigravity.Redis.Connections;
using Antigravity.Redis.Protocol;

namespace Antigravity.Redis;

public sealed partial class RedisClient
{
    private static readonly byte[] ExecPayload = RespWriter.Encode("EXEC", []);
    private static readonly byte[] DiscardPayload = RespWriter.Encode("DISCARD", []);

    /// <inheritdoc />
    /// <remarks>
    /// Runs in two steps while holding the shared connection, so no other caller's command can land inside the
    /// transaction: <c>[WATCH …] MULTI</c> and the commands go out together; if the server refused any of them
    /// while queuing, <c>DISCARD</c> follows and <see cref="RedisServerException"/> is thrown (nothing ran, on
    /// redis-server and Garnet alike); otherwise <c>EXEC</c> follows. The hold costs the other callers one round trip.
    /// </remarks>
    public async Task<IReadOnlyList<RedisResult>?> TransactionAsync(IReadOnlyList<RedisCommand> commands, IReadOnlyList<string>? watchKeys = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commands);
        foreach (var command in commands)
        {
            ArgumentNullException.ThrowIfNull(command);
            ArgumentNullException.ThrowIfNull(command.Args);
            ConnectionBoundCommands.ThrowIfRejected(command.Command, command.Args);
        }

        var batch = new List<(string, IReadOnlyList<string>)>(commands.Count + 2);
        if (watchKeys is { Count: > 0 })
        {
            batch.Add(("WATCH", watchKeys));
        }
        batch.Add(("MULTI", []));
        foreach (var command in commands)
        {
            batch.Add((command.Command, command.Args));
        }

        var connection = await GetConnectionAsync(cancellationToken).ConfigureAwait(false);
        var next = new TaskCompletionSource<PendingReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        var queue = new PendingReply("MULTI", RespWriter.Encode(batch), batch.Count, next.Task);
        connection.Enqueue(queue);
        RedisResult[] queued;
        try
        {
            queued = await WaitForRepliesAsync(connection, queue, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // The writer is holding the connection for us: close the transaction so everyone else can go on.
            next.TrySetResult(new PendingReply("DISCARD", DiscardPayload, 1));
            throw;
        }

        var refused = Array.Find(queued, reply => reply.Type == RedisResultType.Error);
        var finish = refused is null ? new PendingReply("EXEC", ExecPayload, 1) : new PendingReply("DISCARD", DiscardPayload, 1);
        next.TrySetResult(finish);
        var exec = (await WaitForRepliesAsync(connection, finish, cancellationToken).ConfigureAwait(false))[0];
        if (refused is not null)
        {
            throw new RedisServerException(refused.AsString() ?? "ERR");
        }
        ThrowIfError(exec);
        return exec.IsNull ? null : exec.AsArray();
    }
}
