namespace Antigravity.Gateway.Routing;

/// <summary>
/// The health probes: <c>/healthz</c> (the proxy's own) and ServiceDefaults' <c>/health</c> and
/// <c>/alive</c>. They answer while the proxy is stopped and, under <c>all_except_health</c>, without a key.
/// </summary>
internal static class ProbePaths
{
    /// <summary>The proxy's health route.</summary>
    public const string Healthz = "/healthz";

    /// <summary>True for <c>/healthz</c>, <c>/health</c>, <c>/alive</c> (any case, one trailing slash allowed, as routing matches them).</summary>
    public static bool IsProbe(PathString path)
    {
        var value = path.Value;
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }
        if (value.Length > 1 && value[^1] == '/')
        {
            value = value[..^1];
        }
        return value.Equals(Healthz, StringComparison.OrdinalIgnoreCase)
            || value.Equals(ServiceDefaultsExtensions.HealthPath, StringComparison.OrdinalIgnoreCase)
            || value.Equals(ServiceDefaultsExtensions.AlivePath, StringComparison.OrdinalIgnoreCase);
    }
}
