namespace Antigravity.Contracts.Accounts;

/// <summary>
/// The JSON export of the pool (<c>GET /api/accounts/export</c>). It is a backup meant to be imported
/// again, so unlike every other answer it carries the refresh tokens and API keys: treat the file as a secret.
/// </summary>
public sealed record AccountExport
{
    /// <summary>Format marker, <see cref="FormatName"/>.</summary>
    public string Format { get; init; } = FormatName;

    /// <summary>The format marker value.</summary>
    public const string FormatName = "antigravity-gateway-accounts/1";

    /// <summary>When the export was made.</summary>
    public DateTimeOffset ExportedAt { get; init; }

    /// <summary>The accounts.</summary>
    public IReadOnlyList<ExportedAccount> Accounts { get; init; } = [];
}

/// <summary>One exported account.</summary>
public sealed record ExportedAccount
{
    /// <summary>One of <see cref="AccountKinds"/>.</summary>
    public required string Kind { get; init; }

    /// <summary>Label.</summary>
    public string? Label { get; init; }

    /// <summary>E-mail (Google accounts).</summary>
    public string? Email { get; init; }

    /// <summary>Enabled flag.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Refresh token (Google accounts).</summary>
    public string? RefreshToken { get; init; }

    /// <summary>API key (key-based kinds).</summary>
    public string? ApiKey { get; init; }

    /// <summary>Base URL (compatible kinds).</summary>
    public string? BaseUrl { get; init; }

    /// <summary>Models (key-based kinds).</summary>
    public IReadOnlyList<string>? Models { get; init; }

    /// <summary>Model mapping (compatible kinds).</summary>
    public IReadOnlyDictionary<string, string>? ModelMapping { get; init; }

    /// <summary>Cloud Code project id.</summary>
    public string? ProjectId { get; init; }
}
