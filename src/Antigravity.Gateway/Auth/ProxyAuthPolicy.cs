using System.Security.Cryptography;
using System.Text;
using Antigravity.Contracts.Settings;
using Antigravity.Gateway.Routing;

namespace Antigravity.Gateway.Auth;

/// <summary>
/// The auth rules, free of I/O so every case can be tested: which requests the effective auth mode
/// guards, which key the client presented, and whether it matches (in constant time).
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
        if (string.IsNullOrEmpty(settings.ApiKey))
        {
            return new AuthDecision(AuthVerdict.KeyNotConfigured, effective, key);
        }
        if (key is null)
        {
            return new AuthDecision(AuthVerdict.MissingKey, effective, null);
        }
        return KeysMatch(key.Value, settings.ApiKey)
            ? new AuthDecision(AuthVerdict.Allow, effective, key)
            : new AuthDecision(AuthVerdict.WrongKey, effective, key);
    }

    /// <summary>Compares the UTF-8 bytes of both keys in time independent of where they differ.</summary>
    public static bool KeysMatch(string presented, string expected)
    {
        ArgumentNullException.ThrowIfNull(presented);
        ArgumentNullException.ThrowIfNull(expected);
        const int StackLimit = 256;
        var presentedLength = Encoding.UTF8.GetByteCount(presented);
        var expectedLength = Encoding.UTF8.GetByteCount(expected);
        Span<byte> presentedBytes = presentedLength <= StackLimit ? stackalloc byte[presentedLength] : new byte[presentedLength];
        Span<byte> expectedBytes = expectedLength <= StackLimit ? stackalloc byte[expectedLength] : new byte[expectedLength];
        Encoding.UTF8.GetBytes(presented, presentedBytes);
        Encoding.UTF8.GetBytes(expected, expectedBytes);
        return CryptographicOperations.FixedTimeEquals(presentedBytes, expectedBytes);
    }
}
