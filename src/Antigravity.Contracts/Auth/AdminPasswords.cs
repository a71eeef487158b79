using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Antigravity.Contracts.Auth;

/// <summary>
/// The dashboard admin password as stored (<see cref="RedisKeys.DashboardAdminPassword"/>): only a salted, slow hash,
/// <c>pbkdf2-sha256$&lt;iterations&gt;$&lt;salt&gt;$&lt;hash&gt;</c> (base64), so whoever reads Redis cannot sign in.
/// A value in any other form is a password an earlier version stored in clear; it still works and is replaced by
/// its hash at the next successful sign-in.
/// </summary>
public static class AdminPasswords
{
    /// <summary>PBKDF2-HMAC-SHA256 rounds for new hashes (OWASP's 2023 figure is 600,000; this one keeps a sign-in near 0.1 s on a small machine).</summary>
    public const int Iterations = 210_000;

    /// <summary>Length of a generated password (url-safe characters, ~143 bits).</summary>
    public const int GeneratedLength = 24;

    private const string Scheme = "pbkdf2-sha256";
    private const int SaltLength = 16, HashLength = 32;
    // A stored record naming more rounds than this is refused rather than let a tampered record burn the CPU.
    private const int MaxIterations = 10_000_000;
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /// <summary>A new random password.</summary>
    public static string Generate() => RandomNumberGenerator.GetString(Alphabet, GeneratedLength);

    /// <summary>The stored form of <paramref name="password"/>: a fresh salt and its PBKDF2 hash.</summary>
    public static string Hash(string password, int iterations = Iterations)
    {
        ArgumentNullException.ThrowIfNull(password);
        var salt = RandomNumberGenerator.GetBytes(SaltLength);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashLength);
        return string.Create(CultureInfo.InvariantCulture, $"{Scheme}${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    /// <summary>True when <paramref name="stored"/> is a hash written by <see cref="Hash"/> (not a password in clear).</summary>
    public static bool IsHash(string? stored) => TryParse(stored, out _, out _, out _);

    /// <summary>
    /// True when <paramref name="candidate"/> is the password <paramref name="stored"/> holds, as a hash or (from
    /// an earlier version) in clear; the comparison takes the same time wherever the inputs differ.
    /// </summary>
    public static bool Verify(string? stored, string? candidate)
    {
        if (stored is null || candidate is null)
        {
            return false;
        }
        if (!TryParse(stored, out var iterations, out var salt, out var expected))
        {
            return ClearTextMatches(stored, candidate);
        }
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(candidate), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>Compares two clear passwords in time that depends neither on their content nor their length.</summary>
    public static bool ClearTextMatches(string expected, string? candidate)
    {
        ArgumentNullException.ThrowIfNull(expected);
        if (candidate is null)
        {
            return false;
        }
        Span<byte> left = stackalloc byte[32];
        Span<byte> right = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(expected), left);
        SHA256.HashData(Encoding.UTF8.GetBytes(candidate), right);
        return CryptographicOperations.FixedTimeEquals(left, right);
    }

    private static bool TryParse(string? stored, out int iterations, out byte[] salt, out byte[] hash)
    {
        iterations = 0;
        salt = hash = [];
        var parts = stored?.Split('$');
        if (parts is not [Scheme, var rounds, var saltText, var hashText]
            || !int.TryParse(rounds, NumberStyles.None, CultureInfo.InvariantCulture, out iterations)
            || iterations is < 1 or > MaxIterations)
        {
            return false;
        }
        try
        {
            salt = Convert.FromBase64String(saltText);
            hash = Convert.FromBase64String(hashText);
        }
        catch (FormatException)
        {
            return false;
        }
        return salt.Length > 0 && hash.Length > 0;
    }
}
