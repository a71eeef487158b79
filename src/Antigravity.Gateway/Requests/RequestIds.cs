using System.Security.Cryptography;

namespace Antigravity.Gateway.Requests;

/// <summary>
/// Every request carries an id, echoed in <c>x-request-id</c> and written in every log line about it.
/// A client's own <c>x-request-id</c> is kept when it is a sane token, so the client and the gateway
/// logs can be matched; otherwise the gateway makes one.
/// </summary>
internal static class RequestIds
{
    /// <summary>The header carrying the id, in both directions.</summary>
    public const string HeaderName = "x-request-id";

    /// <summary>Longest client id kept.</summary>
    public const int MaxLength = 128;

    /// <summary>The request's id (set by <see cref="RequestIdMiddleware"/>).</summary>
    public static string Get(HttpContext context) => context.TraceIdentifier;

    /// <summary>A new id: <c>req_</c> + 24 lowercase hex digits.</summary>
    public static string Create() => "req_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    /// <summary>True when a client-sent id is short and made only of visible ASCII without quotes.</summary>
    public static bool IsAcceptable(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxLength)
        {
            return false;
        }
        foreach (var c in id)
        {
            if (c <= ' ' || c > '~' || c is '"' or '\\')
            {
                return false;
            }
        }
        return true;
    }
}
