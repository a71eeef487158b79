using System.Net;

namespace Antigravity.Contracts.Leasing;

/// <summary>
/// What <see cref="Accounts.AccountPoolClient.LeaseAsync"/> returns: a <see cref="Lease"/>, or a
/// <see cref="Refusal"/> with the status the pool chose (429 all cooling, 404 model not served, 503 none available, 400 bad request).
/// </summary>
public sealed record LeaseResult
{
    /// <summary>The lease, when one was given.</summary>
    public AccountLease? Lease { get; init; }

    /// <summary>Why not, when none was given.</summary>
    public LeaseRefusal? Refusal { get; init; }

    /// <summary>The pool's HTTP status (200, 429, 404, 503, 400).</summary>
    public HttpStatusCode StatusCode { get; init; }

    /// <summary>True when <see cref="Lease"/> is set.</summary>
    public bool IsLeased => Lease is not null;
}
