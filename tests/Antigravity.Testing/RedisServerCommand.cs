using System.Globalization;

namespace Antigravity.Testing;

/// <summary>The executable and arguments that start one kind of server.</summary>
internal sealed record RedisServerCommand(string FileName, IReadOnlyList<string> Arguments, string WorkingDirectory)
{
    /// <summary>Builds the command line for a server listening on 127.0.0.1:<paramref name="port"/>.</summary>
    /// <remarks>With TLS, the certificate files written by <see cref="TestCertificate.Write"/> must be in <paramref name="dataDirectory"/>.</remarks>
    public static RedisServerCommand For(RedisServerOptions options, int port, string dataDirectory) => options.Kind switch
    {
        RedisServerKind.Garnet => Garnet(port, dataDirectory, options.Persistent, options.Password, options.Tls, options.Acl),
        RedisServerKind.RedisServer => RedisServer(port, dataDirectory, options.Persistent, options.Password, options.Tls),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Kind, null),
    };

    private static RedisServerCommand Garnet(int port, string dataDirectory, bool persistent, string? password, bool tls, bool acl)
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
            // As the AppHost runs it: every write's commit to the append-only log starts at once (commit frequency 0)
            // without the reply waiting for it; COMMITAOF (RedisDurability) waits; --recover replays the log at start. The AOF lands in <checkpointdir>/AOF. --logdir is refused without
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
        if (acl)
        {
            var users = Path.Combine(dataDirectory, "users.acl");
            File.WriteAllText(users, $"user default on {(password is null ? "nopass" : ">" + password)} +@all ~*\n");
            args.AddRange(["--auth", "Acl", "--acl-file", users]);
        }
        else if (password is not null)
        {
            args.AddRange(["--auth", "Password", "--password", password]);
        }
        if (tls)
        {
            args.AddRange([
                "--tls",
                "--cert-file-name", Path.Combine(dataDirectory, "server.pfx"),
                "--cert-password", TestCertificate.PfxPassword,
                "--client-certificate-required", "false",
            ]);
        }
        return new RedisServerCommand(fileName, args, root);
    }

    private static RedisServerCommand RedisServer(int port, string dataDirectory, bool persistent, string? password, bool tls)
    {
        var portText = port.ToString(CultureInfo.InvariantCulture);
        var args = new List<string>
        {
            "--port", tls ? "0" : portText,
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
        if (tls)
        {
            args.AddRange([
                "--tls-port", portText,
                "--tls-cert-file", Path.Combine(dataDirectory, "server.crt"),
                "--tls-key-file", Path.Combine(dataDirectory, "server.key"),
                "--tls-auth-clients", "no",
            ]);
        }
        return new RedisServerCommand(RedisServerExecutable.Find(), args, dataDirectory);
    }
}
