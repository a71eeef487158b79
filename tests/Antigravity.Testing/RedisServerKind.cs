namespace Antigravity.Testing;

/// <summary>Which Redis-compatible server a test runs against.</summary>
public enum RedisServerKind
{
    /// <summary>Microsoft Garnet, the repository's local .NET tool <c>garnet-server</c>.</summary>
    Garnet,

    /// <summary>Debian's <c>redis-server</c> (install with <c>apt-get install -y redis-server</c>).</summary>
    RedisServer,
}
