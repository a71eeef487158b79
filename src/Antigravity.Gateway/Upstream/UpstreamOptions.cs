namespace Antigravity.Gateway.Upstream;

/// <summary>How the gateway calls upstreams (section <c>Proxy</c>).</summary>
internal sealed class UpstreamOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Proxy";

    /// <summary>Largest accepted request body (<c>Proxy:MaxRequestBodyBytes</c>, default 50 MB).</summary>
    public long MaxRequestBodyBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>
    /// Upstream attempts per request for non-quota failures (<c>Proxy:MaxUpstreamAttempts</c>, default 3).
    /// Quota failures never count: the gateway keeps going while the pool hands out untried accounts.
    /// </summary>
    public int MaxUpstreamAttempts { get; set; } = 3;

    /// <summary>Seconds of upstream silence before a keep-alive is sent to a streaming client (default 15).</summary>
    public double KeepAliveSeconds { get; set; } = 15;
}
