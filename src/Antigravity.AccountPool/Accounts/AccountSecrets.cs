using System.Security.Cryptography;
using System.Text;
using Antigravity.Contracts.Settings;
using Microsoft.AspNetCore.DataProtection;

namespace Antigravity.AccountPool.Accounts;

/// <summary>
/// Encrypts and decrypts account secrets (refresh tokens, API keys, access tokens) with ASP.NET Core Data
/// Protection, whose key ring is shared by all replicas through Redis.
/// </summary>
internal sealed class AccountSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Antigravity.AccountPool.Secrets.v1");

    public string Protect(string secret) => _protector.Protect(secret);

    public string? Unprotect(string? cipher)
    {
        if (string.IsNullOrEmpty(cipher))
        {
            return null;
        }
        try
        {
            return _protector.Unprotect(cipher);
        }
        catch (CryptographicException)
        {
            // Encrypted with a key that is gone (data restored without its key ring): treat as missing.
            return null;
        }
    }

    /// <summary>A stable fingerprint for duplicate detection (SHA-256, hex).</summary>
    public static string Fingerprint(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>The masked form shown to users: <c>sk-…abcd</c> for keys, <c>1//…abcd</c> for refresh tokens.</summary>
    public static string Mask(string secret)
    {
        if (secret.StartsWith("sk-", StringComparison.Ordinal))
        {
            return ApiKeys.Mask(secret);
        }
        if (secret.Length <= 8)
        {
            return "…";
        }
        var prefixLength = secret.StartsWith("1//", StringComparison.Ordinal) ? 3 : Math.Min(3, secret.Length / 4);
        return string.Concat(secret.AsSpan(0, prefixLength), "…", secret.AsSpan(secret.Length - 4));
    }
}
