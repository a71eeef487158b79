using System.Security.Cryptography;

namespace Antigravity.Contracts.Settings;

/// <summary>Generation and validation of the proxy's API key.</summary>
public static class ApiKeys
{
    /// <summary>Shortest key accepted.</summary>
    public const int MinimumLength = 10;

    /// <summary>A new key: <c>sk-</c> followed by 32 lowercase hex digits (128 random bits).</summary>
    public static string Generate() => "sk-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Null when <paramref name="key"/> is acceptable, else the reason it is not.</summary>
    public static string? Validate(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return "apiKey must not be empty.";
        }
        if (!key.StartsWith("sk-", StringComparison.Ordinal))
        {
            return "apiKey must start with \"sk-\".";
        }
        if (key.Length < MinimumLength)
        {
            return $"apiKey must be at least {MinimumLength} characters long.";
        }
        foreach (var c in key)
        {
            if (c <= ' ' || c > '~')
            {
                return "apiKey may contain only printable ASCII characters without spaces.";
            }
        }
        return null;
    }

    /// <summary>A form safe to show or log: <c>sk-…abcd</c>.</summary>
    public static string Mask(string? key) =>
        string.IsNullOrEmpty(key) ? "(empty)" : key.Length <= 8 ? "sk-…" : string.Concat(key.AsSpan(0, 3), "…", key.AsSpan(key.Length - 4));
}
