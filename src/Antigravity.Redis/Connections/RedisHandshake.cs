using System.Globalization;
using Antigravity.Redis.Protocol;
using Microsoft.Extensions.Logging;

namespace Antigravity.Redis.Connections;

/// <summary>
/// What a fresh connection sends before anyone may use it: <c>AUTH</c>, <c>SELECT</c>, <c>CLIENT SETNAME</c>
/// and a <c>PING</c> that proves the server answers, written as one pipelined batch.
/// </summary>
internal static partial class RedisHandshake
{
    public static async Task RunAsync(RespConnection connection, RedisConnectionOptions options, bool selectDatabase, ILogger logger, CancellationToken cancellationToken)
    {
        var endpoint = RedisEndpoint.Describe(options);
        var commands = new List<(string Command, IReadOnlyList<string> Args)>();
        if (options.Password is not null)
        {
            commands.Add(("AUTH", options.User is null ? [options.Password] : [options.User, options.Password]));
        }
        if (selectDatabase && options.Database != 0)
        {
            commands.Add(("SELECT", [options.Database.ToString(CultureInfo.InvariantCulture)]));
        }
        if (options.ClientName is not null)
        {
            commands.Add(("CLIENT", ["SETNAME", options.ClientName]));
        }
        commands.Add(("PING", []));

        var replies = await connection.SendAsync("handshake", RespWriter.Encode(commands), commands.Count, options.ConnectTimeout, cancellationToken)
            .ConfigureAwait(false);
        for (var i = 0; i < replies.Length; i++)
        {
            if (replies[i].Type != RedisResultType.Error)
            {
                continue;
            }
            var command = commands[i].Command;
            var message = replies[i].AsString();
            switch (command)
            {
                case "AUTH":
                    throw new RedisConnectionException($"Redis at {endpoint} rejected the credentials: {message}");
                case "CLIENT":
                    Log.ClientNameRejected(logger, endpoint, message);
                    break;
                default:
                    throw new RedisConnectionException($"Redis at {endpoint} refused {command} while connecting: {message}");
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Redis at {Endpoint} did not accept CLIENT SETNAME ({Error}); continuing without a client name.")]
        public static partial void ClientNameRejected(ILogger logger, string endpoint, string? error);
    }
}
