using System.Globalization;

namespace Antigravity.Testing;

/// <summary>The executable and arguments that start one kind of server.</summary>
internal sealed record RedisServerCommand(string FileName, IReadOnlyList<string> Arguments, string WorkingDirectory)
{
    /// <summary>Builds the command line for <paramref name="kind"/> listening on 127.0.0.1:<paramref name="port"/>.</summary>
    public static RedisServerCommand For(RedisServerKind kind, int port, string dataDirectory, bool persistent, string? password) => kind switch
    {
        RedisServerKind.Garnet => Garnet(port, dataDirectory, persistent, password),
        RedisServerKind.RedisServer => RedisServer(port, dataDirectory, persistent, password),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static RedisServerCommand Garnet(int port, string dataDirectory, bool persistent, string? password)
    {
        var (fileName, prefix, root) = GarnetTool.Resolve();
        var args = new List<string>(prefix)
        {
            "--port", port.ToString(CultureInfo.InvariantCulture),
            "--bind", "127.0.0.1",
            "--lua",
            "--memory", "128m",
            "--index", "16m",
            "--logger-level", "Warning",
        };
        if (persistent)
        {
            // Every write goes to the append-only log at once (commit frequency 0) and --recover replays it at start,
            // so data survives kill -9. The AOF lands in <checkpointdir>/AOF. --logdir is refused without
            // --storage-tier; the AOF page must be at least twice the main-log page; and the default native
            // device needs libaio, which Debian 12 does not ship under the name Garnet wants, hence RandomAccess.
            args.AddRange([
                "--checkpointdir", dataDirectory,
                "--aof", "--aof-commit-freq", "0",
                "--page", "4m", "--aof-memory", "32m", "--aof-page-size", "8m",
                "--device-type", "RandomAccess",
                "--recover",
            ]);
        }
        if (password is not null)
        {
            args.AddRange(["--auth", "Password", "--password", password]);
        }
        return new RedisServerCommand(fileName, args, root);
    }

    private static RedisServerCommand RedisServer(int port, string dataDirectory, bool persistent, string? password)
    {
        var args = new List<string>
        {
            "--port", port.ToString(CultureInfo.InvariantCulture),
            "--bind", "127.0.0.1",
            "--save", "",
            "--appendonly", persistent ? "yes" : "no",
            "--dir", dataDirectory,
            "--daemonize", "no",
            "--protected-mode", "no",
        };
        if (password is not null)
        {
            args.AddRange(["--requirepass", password]);
        }
        return new RedisServerCommand(RedisServerExecutable.Find(), args, dataDirectory);
    }
}
