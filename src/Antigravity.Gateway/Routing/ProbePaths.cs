namespace Antigravity.Gateway.Routing;

/// <summary>
/// The health probes: <c>/healthz</c> (the proxy's own) and ServiceDefaults' <c>/health</c> and
/// <c>/alive</c>. They answer while the proxy is stopped and, under <c>all_except_health</c>, without a key
/// (<c>/alive</c> under every mode, see <see cref="Auth.ProxyAuthPolicy.IsGuarded"/>).
/// </summary>
internal static class ProbePaths
{
    /// <summary>The proxy's health route.</summary>
    public const string Healthz = "/healthz";

    /// <summary>True for <c>/healthz</c>, <c>/health</c>, <c>/alive</c> (any case, one trailing slash allowed, as routing matches them).</summary>
    public static bool IsProbe(PathString path)
    {
        var value = Normalize(path);
        return value.Equals(Healthz, StringComparison.OrdinalIgnoreCase)
            || value.Equals(ServiceDefaultsExtensions.HealthPath, StringComparison.OrdinalIgnoreCase)
            || value.Equals(ServiceDefaultsExtensions.AlivePath, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// True for the orchestrator's probes <c>/health</c> (readiness) and <c>/alive</c> (liveness). They say
    /// only whether the process and its Redis are up, and an AppHost or Kubernetes that cannot reach them
    /// would hold back or restart a gateway whose user merely chose <c>strict</c>.
    /// </summary>
    public static bool IsOrchestrationProbe(PathString path)
    {
        var value = Normalize(path);
        return value.Equals(ServiceDefaultsExtensions.HealthPath, StringComparison.OrdinalIgnoreCase)
            || value.Equals(ServiceDefaultsExtensions.AlivePath, StringComparison.OrdinalIgnoreCase);
    }

    private static string Normalize(PathString path)
    {
        var value = path.Value ?? "";
        return value.Length > 1 && value[^1] == '/' ? value[..^1] : value;
    }
}
