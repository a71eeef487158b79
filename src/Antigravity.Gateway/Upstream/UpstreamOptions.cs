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

    /// <summary>Hours a thinking signature is remembered in Redis for healing (<c>Proxy:SignatureCacheHours</c>, default 24).</summary>
    public double SignatureCacheHours { get; set; } = 24;

    /// <summary>Hours a stored <c>/v1/responses</c> answer can be continued with <c>previous_response_id</c> (<c>Proxy:StoredResponseHours</c>, default 24).</summary>
    public double StoredResponseHours { get; set; } = 24;
}

/// <summary>Says which <see cref="UpstreamOptions"/> value is wrong, at start.</summary>
internal sealed class ValidateUpstreamOptions : Microsoft.Extensions.Options.IValidateOptions<UpstreamOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, UpstreamOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [];
        if (options.MaxRequestBodyBytes < 1024)
        {
            failures.Add($"Proxy:MaxRequestBodyBytes must be at least 1024 bytes (got {options.MaxRequestBodyBytes}).");
        }
        if (options.MaxUpstreamAttempts is < 1 or > 50)
        {
            failures.Add($"Proxy:MaxUpstreamAttempts must be between 1 and 50 (got {options.MaxUpstreamAttempts}).");
        }
        if (options.KeepAliveSeconds is < 1 or > 300 || double.IsNaN(options.KeepAliveSeconds))
        {
            failures.Add($"Proxy:KeepAliveSeconds must be between 1 and 300 (got {options.KeepAliveSeconds}).");
        }
        if (options.SignatureCacheHours is < 0.1 or > 720 || double.IsNaN(options.SignatureCacheHours))
        {
            failures.Add($"Proxy:SignatureCacheHours must be between 0.1 and 720 (got {options.SignatureCacheHours}).");
        }
        if (options.StoredResponseHours is < 0.1 or > 720 || double.IsNaN(options.StoredResponseHours))
        {
            failures.Add($"Proxy:StoredResponseHours must be between 0.1 and 720 (got {options.StoredResponseHours}).");
        }
        return failures.Count == 0
            ? Microsoft.Extensions.Options.ValidateOptionsResult.Success
            : Microsoft.Extensions.Options.ValidateOptionsResult.Fail(failures);
    }
}
