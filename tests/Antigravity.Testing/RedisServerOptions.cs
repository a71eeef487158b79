namespace Antigravity.Testing;

/// <summary>What kind of throwaway server to start and how.</summary>
public sealed record RedisServerOptions
{
    /// <summary>Garnet or redis-server.</summary>
    public RedisServerKind Kind { get; init; } = RedisServerKind.Garnet;

    /// <summary>Write an append-only file that is replayed on restart, so data survives kill -9.</summary>
    public bool Persistent { get; init; }

    /// <summary>Require clients to <c>AUTH</c> with this password, or null for no authentication.</summary>
    public string? Password { get; init; }

    /// <summary>
    /// Enforce ACL users, so that <c>ACL SETUSER</c> creates users clients can <c>AUTH user password</c> as
    /// (redis-server always does; Garnet needs <c>--auth Acl</c>). The default user keeps full access.
    /// </summary>
    public bool Acl { get; init; }

    /// <summary>Listen with TLS only, using a self-signed certificate (see <see cref="RedisServerProcess.Certificate"/>).</summary>
    public bool Tls { get; init; }
}
