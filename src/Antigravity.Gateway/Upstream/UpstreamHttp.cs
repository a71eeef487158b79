using System.Net;

namespace Antigravity.Gateway.Upstream;

/// <summary>
/// The one pooled client every upstream call goes through: no default handlers (no service discovery, no
/// resilience pipeline, no timeout; a client disconnect cancels the call).
/// </summary>
internal sealed class UpstreamHttp : IDisposable
{
    /// <summary>The shared client.</summary>
    public HttpClient Client { get; } = new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
        ConnectTimeout = TimeSpan.FromSeconds(15),
        AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
        EnableMultipleHttp2Connections = true,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    /// <inheritdoc />
    public void Dispose() => Client.Dispose();
}
