using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Antigravity.Contracts.DataProtection;

/// <summary>
/// Decrypts what <see cref="AesGcmXmlEncryptor"/> wrote. Data Protection creates it by the type name stored in
/// the key ring, passing the service provider, from which it takes the configured key-encryption key.
/// </summary>
public sealed class AesGcmXmlDecryptor : IXmlDecryptor
{
    private readonly byte[]? _key;

    /// <summary>Created by Data Protection with the application's services.</summary>
    public AesGcmXmlDecryptor(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        _key = services.GetService<IOptions<KeyRingEncryptionOptions>>()?.Value.KeyBytes;
    }

    /// <inheritdoc />
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        if (_key is null)
        {
            throw new CryptographicException(
                "The Data Protection key ring in Redis is encrypted, but this service was not given DataProtection:KeyEncryptionKey. "
                + "Start it through the AppHost, or give it the key from the AppHost's data directory (file data-protection.key).");
        }
        var storedId = (string?)encryptedElement.Attribute(AesGcmXmlEncryptor.KeyIdAttribute);
        if (storedId is not null && storedId != AesGcmXmlEncryptor.KeyId(_key))
        {
            throw new CryptographicException(
                $"A Data Protection key in Redis was encrypted under another DataProtection:KeyEncryptionKey (id {storedId}; this service has {AesGcmXmlEncryptor.KeyId(_key)}). "
                + "Use the data directory (file data-protection.key) that was used when the data was written.");
        }
        var sealedBytes = Convert.FromBase64String((string?)encryptedElement.Element(AesGcmXmlEncryptor.ValueElement)
            ?? throw new CryptographicException("An encrypted Data Protection key has no value."));
        if (sealedBytes.Length < AesGcmXmlEncryptor.NonceLength + AesGcmXmlEncryptor.TagLength)
        {
            throw new CryptographicException("An encrypted Data Protection key is truncated.");
        }
        var plaintext = new byte[sealedBytes.Length - AesGcmXmlEncryptor.NonceLength - AesGcmXmlEncryptor.TagLength];
        try
        {
            using (var aes = new AesGcm(_key, AesGcmXmlEncryptor.TagLength))
            {
                aes.Decrypt(
                    sealedBytes.AsSpan(0, AesGcmXmlEncryptor.NonceLength),
                    sealedBytes.AsSpan(AesGcmXmlEncryptor.NonceLength + AesGcmXmlEncryptor.TagLength),
                    sealedBytes.AsSpan(AesGcmXmlEncryptor.NonceLength, AesGcmXmlEncryptor.TagLength),
                    plaintext,
                    AesGcmXmlEncryptor.AssociatedData);
            }
            return XElement.Parse(Encoding.UTF8.GetString(plaintext));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }
}
