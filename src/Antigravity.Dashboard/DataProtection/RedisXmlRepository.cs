using System.Xml.Linq;
using Antigravity.Contracts;
using Antigravity.Redis;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Antigravity.Dashboard.DataProtection;

/// <summary>
/// Keeps the data protection key ring (which encrypts the session cookie and antiforgery tokens) in a
/// Redis hash, so sessions survive a restart and every dashboard replica can read every other's cookies.
/// </summary>
/// <remarks>
/// <see cref="IXmlRepository"/> is synchronous; the key ring is read at start-up and then about once a
/// day, so blocking on Redis here is cheap.
/// </remarks>
internal sealed class RedisXmlRepository(IRedisClient redis) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        var entries = redis.HashGetAllAsync(RedisKeys.DashboardDataProtectionKeys).GetAwaiter().GetResult();
        var elements = new List<XElement>(entries.Count);
        foreach (var (_, xml) in entries)
        {
            elements.Add(XElement.Parse(xml));
        }
        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        var field = string.IsNullOrEmpty(friendlyName) ? Guid.NewGuid().ToString("N") : friendlyName;
        redis.HashSetAsync(RedisKeys.DashboardDataProtectionKeys, field, element.ToString(SaveOptions.DisableFormatting))
            .GetAwaiter().GetResult();
    }
}
