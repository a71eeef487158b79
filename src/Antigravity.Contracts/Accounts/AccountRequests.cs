namespace Antigravity.Contracts.Accounts;

/// <summary>
/// Body of <c>POST /api/accounts</c>: <c>{"kind":"antigravity","refreshToken":…}</c>,
/// <c>{"kind":"gemini-api-key","apiKey":…}</c>, or
/// <c>{"kind":"anthropic-compatible"|"openai-compatible","baseUrl":…,"apiKey":…,"models":[…]}</c>.
/// </summary>
public sealed record AddAccountRequest
{
    /// <summary>One of <see cref="AccountKinds"/>.</summary>
    public string? Kind { get; init; }

    /// <summary>Google OAuth refresh token (antigravity).</summary>
    public string? RefreshToken { get; init; }

    /// <summary>API key (key-based kinds).</summary>
    public string? ApiKey { get; init; }

    /// <summary>Provider base URL (compatible kinds).</summary>
    public string? BaseUrl { get; init; }

    /// <summary>Models served (compatible kinds: required unless a mapping is given; gemini-api-key: optional).</summary>
    public IReadOnlyList<string>? Models { get; init; }

    /// <summary>Requested model → provider model (compatible kinds, optional).</summary>
    public IReadOnlyDictionary<string, string>? ModelMapping { get; init; }

    /// <summary>Optional label.</summary>
    public string? Label { get; init; }
}

/// <summary>Body of <c>PATCH /api/accounts/{id}</c>: what to change; absent fields stay.</summary>
public sealed record UpdateAccountRequest
{
    /// <summary>Turn the account on (also clears forbidden / validation / invalid-grant states) or off.</summary>
    public bool? Enabled { get; init; }

    /// <summary>New label (empty clears it).</summary>
    public string? Label { get; init; }

    /// <summary>New model list (key-based kinds).</summary>
    public IReadOnlyList<string>? Models { get; init; }
}

/// <summary>Result of an import.</summary>
public sealed record ImportResult
{
    /// <summary>Accounts added.</summary>
    public IReadOnlyList<AccountView> Added { get; init; } = [];

    /// <summary>Accounts already present (same refresh token or key), left unchanged.</summary>
    public int Skipped { get; init; }

    /// <summary>Entries that could not be imported, with the reason.</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];
}

/// <summary>Answer of <c>POST /internal/oauth/start</c>.</summary>
public sealed record OAuthStartResponse
{
    /// <summary>Where to send the user's browser.</summary>
    public required string AuthorizeUrl { get; init; }

    /// <summary>The state value (also inside the URL), valid for ten minutes.</summary>
    public required string State { get; init; }

    /// <summary>The redirect URI registered in the URL.</summary>
    public required string RedirectUri { get; init; }
}

/// <summary>Body of <c>POST /internal/oauth/start</c>.</summary>
public sealed record OAuthStartRequest
{
    /// <summary>Where Google sends the user back (the dashboard's <c>/auth/callback</c>).</summary>
    public string? RedirectUri { get; init; }
}

/// <summary>Body of <c>POST /internal/oauth/exchange</c> and <c>POST /api/accounts/oauth/exchange</c>.</summary>
public sealed record OAuthExchangeRequest
{
    /// <summary>The authorization code (or the whole callback URL pasted by the user).</summary>
    public string? Code { get; init; }

    /// <summary>The state from the authorize URL.</summary>
    public string? State { get; init; }
}

/// <summary>A problem with a request body: which field and why.</summary>
public sealed record FieldError
{
    /// <summary>Human-readable sentence naming the field.</summary>
    public required string Error { get; init; }

    /// <summary>The field at fault, when one is.</summary>
    public string? Field { get; init; }
}
