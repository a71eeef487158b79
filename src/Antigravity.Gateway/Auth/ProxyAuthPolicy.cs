using Antigravity.Contracts.Settings;
using Antigravity.Gateway.Routing;

namespace Antigravity.Gateway.Auth;

/// <summary>
/// The auth rules, free of I/O so every case can be tested: which requests the effective auth mode
/// guards, which key the client presented, and whether it matches the stored key's hash (in constant time).
/// </summary>
internal static class ProxyAuthPolicy
{
    /// <summary>
    /// True when a request needs the key: never for OPTIONS (CORS preflight), under <c>off</c>, or for the
    /// orchestrator's probes <c>/health</c> and <c>/alive</c> (they reveal only up/down, and guarding them
    /// would make the AppHost wait forever for a gateway set to <c>strict</c>); always under <c>strict</c>
    /// otherwise, <c>/healthz</c> included; under <c>all_except_health</c> for everything but the health probes.
    /// </summary>
    public static bool IsGuarded(ProxyAuthMode effectiveMode, string method, PathString path) =>
        !HttpMethods.IsOptions(method) && !ProbePaths.IsOrchestrationProbe(path) && effectiveMode switch
        {
            ProxyAuthMode.Off => false,
            ProxyAuthMode.Strict => true,
            ProxyAuthMode.AllExceptHealth => !ProbePaths.IsProbe(path),
            // Auto never reaches here (it is resolved first); guard it anyway rather than open the door.
            _ => true,
        };

    /// <summary>Decides one request.</summary>
    public static AuthDecision Decide(
        ProxySettings settings,
        bool allowLanAccess,
        string method,
        PathString path,
        IHeaderDictionary headers,
        IQueryCollection? query)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var effective = settings.AuthMode.Effective(allowLanAccess);
        if (!IsGuarded(effective, method, path))
        {
            return new AuthDecision(AuthVerdict.Allow, effective, null);
        }

        var key = PresentedApiKey.Read(headers, path, query);
        if (settings.ApiKey.IsEmpty)
        {
            return new AuthDecision(AuthVerdict.KeyNotConfigured, effective, key);
        }
        if (key is null)
        {
            return new AuthDecision(AuthVerdict.MissingKey, effective, null);
        }
        // Only the key's hash is held: the presented key is hashed and the digests compared in constant time.
        return settings.ApiKey.Matches(key.Value)
            ? new AuthDecision(AuthVerdict.Allow, effective, key)
            : new AuthDecision(AuthVerdict.WrongKey, effective, key);
    }
}
