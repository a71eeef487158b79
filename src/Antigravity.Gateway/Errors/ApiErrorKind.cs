namespace Antigravity.Gateway.Errors;

/// <summary>
/// What went wrong, independent of the protocol. Each protocol spells it its own way
/// (<see cref="ProtocolErrorWriter"/>): OpenAI's <c>type</c>, Anthropic's <c>error.type</c>, Google's <c>status</c>.
/// </summary>
internal enum ApiErrorKind
{
    /// <summary>The request is malformed or asks for something impossible (400).</summary>
    InvalidRequest,

    /// <summary>No API key, or the wrong one (401).</summary>
    Authentication,

    /// <summary>The key is right but not allowed to do this (403).</summary>
    PermissionDenied,

    /// <summary>No such route or resource (404).</summary>
    NotFound,

    /// <summary>The route exists, but not for this HTTP method (405).</summary>
    MethodNotAllowed,

    /// <summary>The request body is too large (413).</summary>
    RequestTooLarge,

    /// <summary>Too many requests or no quota left (429).</summary>
    RateLimited,

    /// <summary>Something failed inside the gateway (500).</summary>
    Internal,

    /// <summary>The upstream answered with something unusable (502).</summary>
    BadGateway,

    /// <summary>The gateway cannot serve right now: stopped, or its settings are unavailable (503).</summary>
    Unavailable,

    /// <summary>The upstream is overloaded (529 / 503).</summary>
    Overloaded,

    /// <summary>The upstream took too long (504).</summary>
    Timeout,
}
