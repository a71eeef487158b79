using System.Security.Cryptography;
using System.Text;

namespace Antigravity.Contracts.Internal;

/// <summary>
/// The credential that the services present to one another's internal API (<c>/internal/…</c> of the account
/// pool). The AppHost generates a fresh one at each start and gives it to every service as
/// <see cref="EnvironmentVariable"/>; it is never printed or logged.
/// </summary>
public static class InternalApiKey
{
    /// <summary>The configuration key that holds the credential.</summary>
    public const string ConfigurationKey = "Internal:ApiKey";

    /// <summary>The same key as an environment variable.</summary>
    public const string EnvironmentVariable = "Internal__ApiKey";

    /// <summary>The request header that carries the credential.</summary>
    public const string HeaderName = "X-Antigravity-Internal-Key";

    /// <summary>The shortest credential a service accepts as configured (a guessable one is no credential).</summary>
    public const int MinimumLength = 16;

    /// <summary>A new random credential: 32 bytes, base64url.</summary>
    public static string Generate() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>
    /// True when <paramref name="presented"/> equals <paramref name="expected"/>, in time that depends on
    /// neither value (both are hashed first, so not even their lengths leak).
    /// </summary>
    public static bool Matches(string? presented, string expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        return Matches(presented, Hash(expected));
    }

    /// <summary>True when <paramref name="presented"/> hashes to <paramref name="expectedHash"/> (<see cref="Hash"/>), in constant time.</summary>
    public static bool Matches(string? presented, ReadOnlySpan<byte> expectedHash)
    {
        if (presented is null)
        {
            return false;
        }
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(presented), hash);
        return CryptographicOperations.FixedTimeEquals(hash, expectedHash);
    }

    /// <summary>The SHA-256 of <paramref name="key"/>, what <see cref="Matches(string?, ReadOnlySpan{byte})"/> compares against.</summary>
    public static byte[] Hash(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return SHA256.HashData(Encoding.UTF8.GetBytes(key));
    }
}
