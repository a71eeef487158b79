using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Antigravity.Contracts.DataProtection;

/// <summary>
/// Encrypts the secret part of each Data Protection key (its <c>&lt;masterKey&gt;</c>) with AES-256-GCM under
/// the key-encryption key (<see cref="KeyRingEncryptionOptions"/>), so Redis holds the key ring only in a form
/// that is useless without that key. <see cref="AesGcmXmlDecryptor"/> reverses it.
/// </summary>
/// <remarks>
/// Stored form: <c>&lt;encryptedKey kek="&lt;key id&gt;"&gt;&lt;value&gt;base64(nonce | tag | ciphertext)&lt;/value&gt;&lt;/encryptedKey&gt;</c>.
/// The key id (the first 8 bytes of the key's SHA-256) only serves a clear error when a service is given a different key.
/// </remarks>
public sealed class AesGcmXmlEncryptor : IXmlEncryptor
{
    internal const int NonceLength = 12, TagLength = 16;
    internal static readonly byte[] AssociatedData = Encoding.UTF8.GetBytes("Antigravity.DataProtection.KeyRing.v1");
    internal const string ElementName = "encryptedKey", KeyIdAttribute = "kek", ValueElement = "value";

    private readonly byte[] _key;

    /// <summary>Encrypts with <paramref name="key"/> (32 bytes).</summary>
    public AesGcmXmlEncryptor(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length != KeyRingEncryptionOptions.KeyLength)
        {
            throw new ArgumentException($"The key-encryption key must be {KeyRingEncryptionOptions.KeyLength} bytes.", nameof(key));
        }
        _key = key;
    }

    /// <inheritdoc />
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var sealedBytes = new byte[NonceLength + TagLength + plaintext.Length];
        var nonce = sealedBytes.AsSpan(0, NonceLength);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(_key, TagLength))
        {
            aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(NonceLength + TagLength), sealedBytes.AsSpan(NonceLength, TagLength), AssociatedData);
        }
        CryptographicOperations.ZeroMemory(plaintext);
        var element = new XElement(ElementName,
            new XAttribute(KeyIdAttribute, KeyId(_key)),
            new XComment(" Encrypted with AES-256-GCM under DataProtection:KeyEncryptionKey (kept by the AppHost, not in Redis). "),
            new XElement(ValueElement, Convert.ToBase64String(sealedBytes)));
        return new EncryptedXmlInfo(element, typeof(AesGcmXmlDecryptor));
    }

    /// <summary>A short, non-secret name of a key-encryption key.</summary>
    internal static string KeyId(ReadOnlySpan<byte> key) => Convert.ToHexStringLower(SHA256.HashData(key).AsSpan(0, 8));
}
