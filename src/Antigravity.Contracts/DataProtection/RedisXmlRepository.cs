using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using StackExchange.Redis;

namespace Antigravity.Contracts.DataProtection;

/// <summary>
/// Keeps the ASP.NET Core Data Protection key ring in Redis (hash <see cref="RedisKeys.DataProtectionKeys"/>,
/// one field per key), so that every AccountPool replica and the dashboard share the keys and the keys
/// survive restarts together with the data they protect.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="IXmlRepository"/> is synchronous; it is called only when the key ring is (re)loaded or a key
/// is created, never per request, so blocking on Redis here is acceptable.
/// </para>
/// <para>
/// Given an <paramref name="encryptor"/>, it also encrypts in place the keys an earlier version stored in clear
/// (the first time it reads them): Data Protection itself only encrypts the keys it creates.
/// </para>
/// </remarks>
public sealed class RedisXmlRepository(IConnectionMultiplexer redis, IXmlEncryptor? encryptor = null) : IXmlRepository
{
    private const string DataProtectionNamespace = "http://schemas.asp.net/2015/03/dataProtection";
    private static readonly XName RequiresEncryption = XName.Get("requiresEncryption", DataProtectionNamespace);
    private static readonly XName EncryptedSecret = XName.Get("encryptedSecret", DataProtectionNamespace);

    /// <inheritdoc />
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        var database = redis.GetDatabase();
        var entries = database.HashGetAll(RedisKeys.DataProtectionKeys);
        var elements = new List<XElement>(entries.Length);
        foreach (var entry in entries)
        {
            var element = XElement.Parse(entry.Value.ToString());
            if (encryptor is not null && EncryptInPlace(element) is { } encrypted)
            {
                // Only replace what still holds the clear form, so a concurrent rewrite by another service is kept.
                var transaction = database.CreateTransaction();
                transaction.AddCondition(Condition.HashEqual(RedisKeys.DataProtectionKeys, entry.Name, entry.Value));
                _ = transaction.HashSetAsync(RedisKeys.DataProtectionKeys, entry.Name, encrypted.ToString(SaveOptions.DisableFormatting));
                transaction.Execute();
            }
            elements.Add(element);
        }
        return elements;
    }

    /// <inheritdoc />
    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        var field = string.IsNullOrEmpty(friendlyName) ? Guid.NewGuid().ToString("N") : friendlyName;
        redis.GetDatabase().HashSet(RedisKeys.DataProtectionKeys, field, element.ToString(SaveOptions.DisableFormatting));
    }

    /// <summary>
    /// A copy of <paramref name="element"/> with every part Data Protection marks <c>requiresEncryption</c>
    /// replaced by its encrypted form, the way Data Protection writes a key it creates; null when nothing is in clear.
    /// </summary>
    private XElement? EncryptInPlace(XElement element)
    {
        var copy = new XElement(element);
        var clear = copy.Descendants().Where(node => (string?)node.Attribute(RequiresEncryption) == "true").ToList();
        if (clear.Count == 0)
        {
            return null;
        }
        foreach (var node in clear)
        {
            var info = encryptor!.Encrypt(new XElement(node));
            node.ReplaceWith(new XElement(EncryptedSecret,
                new XAttribute("decryptorType", info.DecryptorType.AssemblyQualifiedName!),
                info.EncryptedElement));
        }
        return copy;
    }
}
