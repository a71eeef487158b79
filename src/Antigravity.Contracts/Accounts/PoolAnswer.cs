using System.Net;

namespace Antigravity.Contracts.Accounts;

/// <summary>
/// An answer of the pool's admin API as <see cref="AccountPoolClient"/> returns it: the status code, and
/// either the value (2xx) or the error sentence (4xx/5xx), so a caller can pass both on unchanged.
/// </summary>
/// <typeparam name="T">The value type of a successful answer.</typeparam>
public sealed record PoolAnswer<T>
{
    /// <summary>HTTP status of the pool's answer.</summary>
    public required HttpStatusCode StatusCode { get; init; }

    /// <summary>The value, for a successful answer with a body.</summary>
    public T? Value { get; init; }

    /// <summary>The error, for an unsuccessful answer.</summary>
    public FieldError? Error { get; init; }

    /// <summary>True for 2xx.</summary>
    public bool IsSuccess => (int)StatusCode is >= 200 and < 300;
}
