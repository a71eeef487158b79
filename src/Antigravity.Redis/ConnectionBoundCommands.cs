namespace Antigravity.Redis;

/// <summary>
/// Commands that change the state of the connection they run on. On a connection shared by every caller
/// they would affect everyone else's commands, so <see cref="RedisClient.ExecuteAsync"/> refuses them and
/// points to the member that does the job safely.
/// </summary>
internal static class ConnectionBoundCommands
{
    public static void ThrowIfRejected(string command, IReadOnlyList<string> args)
    {
        var hint = command.ToUpperInvariant() switch
        {
            "CLIENT" when args.Count > 0 && args[0].Equals("REPLY", StringComparison.OrdinalIgnoreCase)
                => "the client matches every command to its reply",
            "MULTI" or "EXEC" or "DISCARD" or "WATCH" or "UNWATCH" => "use TransactionAsync",
            "SUBSCRIBE" or "UNSUBSCRIBE" or "PSUBSCRIBE" or "PUNSUBSCRIBE" or "SSUBSCRIBE" or "SUNSUBSCRIBE" => "use SubscribeAsync",
            "SELECT" => "set defaultDatabase in the connection string",
            "AUTH" or "HELLO" or "RESET" => "set user/password in the connection string",
            "QUIT" or "MONITOR" or "SYNC" or "PSYNC" => "it would take over or close the shared connection",
            _ => null,
        };
        if (hint is not null)
        {
            throw new ArgumentException($"{command} cannot run on the shared connection: {hint}.", nameof(command));
        }
    }
}
