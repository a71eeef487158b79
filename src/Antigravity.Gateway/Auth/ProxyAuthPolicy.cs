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
    /// True when a request needs the key: never for OPTIONS (CORS preflight) or under <c>off</c>;
    /// always under <c>strict</c>; under <c>all_except_health</c> for everything but the health probes.
    /// </summary>
    public static bool IsGuarded(ProxyAuthMode effectiveMode, string method, PathString path) =>
        !HttpMethods.IsOptions(method) && effectiveMode switch
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
        var presentedBytes = Encoding.UTF8.GetBytes(presented);
        var expectedBytes = Encoding.UTF8.GetBytes(expected);
        return CryptographicOperations.FixedTimeEquals(presentedBytes, expectedBytes);
    }
}
