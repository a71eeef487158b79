using Microsoft.Extensions.Options;

namespace Antigravity.Gateway.Hosting;

/// <summary>
/// What one client, or many, may cost the gateway (section <c>Proxy:Limits</c>; env <c>Proxy__Limits__…</c>).
/// Every figure is enforced the same way on every route and refused in the route's protocol. The body size
/// limit itself is <c>Proxy:MaxRequestBodyBytes</c> (50 MB), which Kestrel enforces too.
/// </summary>
internal sealed class GatewayLimitsOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Proxy:Limits";

    /// <summary>Most bytes of request headers (default 64 KB); more is a 431.</summary>
    public int MaxRequestHeadersBytes { get; set; } = 64 * 1024;

    /// <summary>Longest model name accepted (default 256 characters); a longer one is a 400 and is never stored.</summary>
    public int MaxModelNameLength { get; set; } = 256;

    /// <summary>Most messages (contents, input items) in one request (default 10,000).</summary>
    public int MaxMessages { get; set; } = 10_000;

    /// <summary>Most tools in one request (default 512).</summary>
    public int MaxTools { get; set; } = 512;

    /// <summary>A body at least this large counts as large (default 1 MB).</summary>
    public long LargeBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>How many large bodies are read and processed at once (default 8); one more is a 503 with <c>Retry-After</c>.</summary>
    public int MaxConcurrentLargeBodies { get; set; } = 8;

    /// <summary>Most open client connections (default 4,096); Kestrel closes any beyond it at once.</summary>
    public long MaxConnections { get; set; } = 4096;

    /// <summary>Seconds an idle keep-alive connection stays open (default 30).</summary>
    public double KeepAliveTimeoutSeconds { get; set; } = 30;

    /// <summary>Seconds a client has to send all request headers (default 15).</summary>
    public double RequestHeadersTimeoutSeconds { get; set; } = 15;

    /// <summary>Slowest accepted request body, in bytes per second after a 5 s grace (default 240); slower is a 408.</summary>
    public double MinRequestBodyBytesPerSecond { get; set; } = 240;

    /// <summary>
    /// Seconds one write to a streaming client may take (default 60): a client that stops reading loses its
    /// stream, and the upstream request is cancelled with it.
    /// </summary>
    public double StreamWriteTimeoutSeconds { get; set; } = 60;

    /// <summary>Seconds streams in flight may still run after a stop signal before they end with an error event (default 10).</summary>
    public double ShutdownDrainSeconds { get; set; } = 10;

    /// <summary>
    /// Seconds the account pool has to answer a lease beyond the wait the scheduling settings allow it (default 5):
    /// a pool that is down or hung is a fast 503 with <c>Retry-After</c>, not a hung client.
    /// </summary>
    public double PoolLeaseTimeoutSeconds { get; set; } = 5;
}

/// <summary>Says which <see cref="GatewayLimitsOptions"/> value is wrong, at start.</summary>
internal sealed class ValidateGatewayLimitsOptions : IValidateOptions<GatewayLimitsOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayLimitsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [];
        void Check(bool ok, string setting, string range, object value)
        {
            if (!ok)
            {
                failures.Add($"{GatewayLimitsOptions.Section}:{setting} must be {range} (got {value}).");
            }
        }
        Check(options.MaxRequestHeadersBytes is >= 8 * 1024 and <= 1024 * 1024, "MaxRequestHeadersBytes", "between 8192 and 1048576", options.MaxRequestHeadersBytes);
        Check(options.MaxModelNameLength is >= 16 and <= 4096, "MaxModelNameLength", "between 16 and 4096", options.MaxModelNameLength);
        Check(options.MaxMessages is >= 1 and <= 1_000_000, "MaxMessages", "between 1 and 1000000", options.MaxMessages);
        Check(options.MaxTools is >= 1 and <= 100_000, "MaxTools", "between 1 and 100000", options.MaxTools);
        Check(options.LargeBodyBytes >= 1024, "LargeBodyBytes", "at least 1024", options.LargeBodyBytes);
        Check(options.MaxConcurrentLargeBodies is >= 1 and <= 10_000, "MaxConcurrentLargeBodies", "between 1 and 10000", options.MaxConcurrentLargeBodies);
        Check(options.MaxConnections >= 1, "MaxConnections", "at least 1", options.MaxConnections);
        Check(options.KeepAliveTimeoutSeconds is >= 1 and <= 3600, "KeepAliveTimeoutSeconds", "between 1 and 3600", options.KeepAliveTimeoutSeconds);
        Check(options.RequestHeadersTimeoutSeconds is >= 1 and <= 600, "RequestHeadersTimeoutSeconds", "between 1 and 600", options.RequestHeadersTimeoutSeconds);
        Check(options.MinRequestBodyBytesPerSecond is >= 0 and <= 1_000_000_000, "MinRequestBodyBytesPerSecond", "between 0 (off) and 1000000000", options.MinRequestBodyBytesPerSecond);
        Check(options.StreamWriteTimeoutSeconds is >= 1 and <= 3600, "StreamWriteTimeoutSeconds", "between 1 and 3600", options.StreamWriteTimeoutSeconds);
        Check(options.ShutdownDrainSeconds is >= 0 and <= 3600, "ShutdownDrainSeconds", "between 0 and 3600", options.ShutdownDrainSeconds);
        Check(options.PoolLeaseTimeoutSeconds is >= 0.1 and <= 600, "PoolLeaseTimeoutSeconds", "between 0.1 and 600", options.PoolLeaseTimeoutSeconds);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
