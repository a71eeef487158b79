using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using StackExchange.Redis;

namespace Antigravity.Contracts.DataProtection;

/// <summary>
/// Keeps the ASP.NET Core Data Protection key ring in Redis (hash <see cref="RedisKeys.DataProtectionKeys"/>,
/// one field per key), so that every AccountPool replica and the dashboard share the keys and the keys
/// survive restarts together with the data they protect.
/// </summary>
/// <remarks>
/// <see cref="IXmlRepository"/> is synchronous; it is called only when the key ring is (re)loaded or a key
/// is created, never per request, so blocking on Redis here is acceptable.
/// </remarks>
public sealed class RedisXmlRepository(IConnectionMultiplexer redis) : IXmlRepository
{
    /// <inheritdoc />
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        var entries = redis.GetDatabase().HashGetAll(RedisKeys.DataProtectionKeys);
        return entries.Select(entry => XElement.Parse(entry.Value.ToString())).ToList();
    }

    /// <inheritdoc />
    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        var field = string.IsNullOrEmpty(friendlyName) ? Guid.NewGuid().ToString("N") : friendlyName;
        redis.GetDatabase().HashSet(RedisKeys.DataProtectionKeys, field, element.ToString(SaveOptions.DisableFormatting));
    }
}
