namespace Antigravity.Gateway.Auth;

/// <summary>Where a client's API key was read from, in the order they are consulted.</summary>
internal enum ApiKeySource
{
    /// <summary><c>Authorization</c> header (<c>Bearer </c> stripped when present).</summary>
    Authorization,

    /// <summary><c>x-api-key</c> header (Anthropic SDKs, Claude Code).</summary>
    XApiKey,

    /// <summary><c>x-goog-api-key</c> header (Google SDKs).</summary>
    XGoogApiKey,

    /// <summary><c>key</c> query parameter, only on <c>/v1beta/</c> (Google clients send it there).</summary>
    KeyQueryParameter,
}

/// <summary>How to name each source in a message.</summary>
internal static class ApiKeySources
{
    /// <summary>"the Authorization header", "the x-api-key header", … .</summary>
    public static string Describe(this ApiKeySource source) => source switch
    {
        ApiKeySource.Authorization => "the Authorization header",
        ApiKeySource.XApiKey => "the x-api-key header",
        ApiKeySource.XGoogApiKey => "the x-goog-api-key header",
        ApiKeySource.KeyQueryParameter => "the 'key' query parameter",
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, null),
    };

    /// <summary>Short structured name for logs.</summary>
    public static string LogName(this ApiKeySource source) => source switch
    {
        ApiKeySource.Authorization => "authorization",
        ApiKeySource.XApiKey => "x-api-key",
        ApiKeySource.XGoogApiKey => "x-goog-api-key",
        ApiKeySource.KeyQueryParameter => "query:key",
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, null),
    };
}
