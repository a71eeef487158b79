using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Antigravity.Gateway.Auth;

/// <summary>The key a client sent and where it came from.</summary>
/// <param name="Source">The header (or query parameter) that decided.</param>
/// <param name="Value">The key itself; compared, never logged or echoed.</param>
/// <param name="BearerWithoutSpace">The Authorization value starts with <c>Bearer</c> but not <c>Bearer </c> (a common typo).</param>
internal sealed record PresentedApiKey(ApiKeySource Source, string Value, bool BearerWithoutSpace = false)
{
    private const string BearerPrefix = "Bearer ";

    /// <summary>
    /// Reads the key: <c>Authorization</c> (a case-insensitive <c>Bearer </c> prefix with one space is
    /// stripped; without it the whole value is the key), then <c>x-api-key</c>, then <c>x-goog-api-key</c>,
    /// then — only under <c>/v1beta/</c> — the <c>key</c> query parameter. The first one present decides,
    /// even when it is wrong and a later one is right. Null when none is present.
    /// </summary>
    public static PresentedApiKey? Read(IHeaderDictionary headers, PathString path, IQueryCollection? query)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (headers.TryGetValue(HeaderNames.Authorization, out var authorization))
        {
            var value = First(authorization);
            if (value.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
            {
                return new PresentedApiKey(ApiKeySource.Authorization, value[BearerPrefix.Length..]);
            }
            var typo = value.Length > 6 && value.StartsWith("Bearer", StringComparison.OrdinalIgnoreCase);
            return new PresentedApiKey(ApiKeySource.Authorization, value, typo);
        }
        if (headers.TryGetValue("x-api-key", out var xApiKey))
        {
            return new PresentedApiKey(ApiKeySource.XApiKey, First(xApiKey));
        }
        if (headers.TryGetValue("x-goog-api-key", out var xGoogApiKey))
        {
            return new PresentedApiKey(ApiKeySource.XGoogApiKey, First(xGoogApiKey));
        }
        if (query is not null
            && path.StartsWithSegments("/v1beta", StringComparison.OrdinalIgnoreCase)
            && query.TryGetValue("key", out var key))
        {
            return new PresentedApiKey(ApiKeySource.KeyQueryParameter, First(key));
        }
        return null;
    }

    private static string First(StringValues values) => values.Count == 0 ? "" : values[0] ?? "";
}
