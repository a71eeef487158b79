namespace Antigravity.Contracts.Leasing;

/// <summary>
/// Why no lease was given: 429 (every candidate is cooling; <see cref="RetryAfterSeconds"/> says when
/// the first comes back), 404 (no account serves the model), 503 (no usable accounts), or 400 (bad request).
/// </summary>
public sealed record LeaseRefusal
{
    /// <summary>A sentence for the client, e.g. "No available accounts, please add an account first".</summary>
    public required string Error { get; init; }

    /// <summary>Seconds until an account is expected back (429), or until the pool expects to work again (503 while it cannot use Redis).</summary>
    public int? RetryAfterSeconds { get; init; }
}
