using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Antigravity.Contracts.Settings;

/// <summary>Encrypts the proxy's API key for storage and decrypts it for the one place that shows it (the dashboard).</summary>
public sealed class ProxyApiKeyProtector(IDataProtectionProvider provider)
{
    /// <summary>The Data Protection purpose of the stored API key.</summary>
    public const string Purpose = "Antigravity.ProxySettings.ApiKey.v1";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    /// <summary>The key as stored: hash and encrypted form, no clear text.</summary>
    public ProxyApiKey Protect(string? key) =>
        string.IsNullOrEmpty(key) ? ProxyApiKey.None : new ProxyApiKey { Sha256 = ProxyApiKey.Hash(key), Protected = _protector.Protect(key) };

    /// <summary>Encrypts a pending clear key; returns the same instance when there is nothing to do.</summary>
    public ProxyApiKey Seal(ProxyApiKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.NeedsProtection ? Protect(key.PendingPlaintext) : key;
    }

    /// <summary>
    /// The key in clear, for the dashboard to show; null when there is none or it cannot be decrypted (a key ring
    /// lost or a different key-encryption key), in which case the user regenerates it.
    /// </summary>
    public string? Reveal(ProxyApiKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.PendingPlaintext is { Length: > 0 } pending)
        {
            return pending;
        }
        if (key.Protected.Length == 0)
        {
            return null;
        }
        try
        {
            return _protector.Unprotect(key.Protected);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
