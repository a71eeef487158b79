namespace Antigravity.Contracts.Leasing;

/// <summary>Body of <c>POST /internal/leases/{leaseId}/outcome</c>: how the upstream attempt went.</summary>
public sealed record LeaseOutcome
{
    /// <summary>Upstream HTTP status; 0 for a network error or timeout before any answer.</summary>
    public int Status { get; init; }

    /// <summary>The upstream <c>Retry-After</c> header value, verbatim (seconds or an HTTP date).</summary>
    public string? RetryAfterHeader { get; init; }

    /// <summary>The upstream error body (first few KiB), which the pool parses for reasons and reset delays.</summary>
    public string? ErrorBody { get; init; }

    /// <summary>A reason already parsed by the caller (e.g. <c>QUOTA_EXHAUSTED</c>), used when the body is absent.</summary>
    public string? Reason { get; init; }

    /// <summary>A delay already parsed by the caller, used when neither header nor body gives one.</summary>
    public double? RetryDelaySeconds { get; init; }

    /// <summary>Token usage of a successful attempt.</summary>
    public TokenUsage? Usage { get; init; }
}

/// <summary>Tokens used by one attempt.</summary>
public sealed record TokenUsage
{
    /// <summary>Prompt tokens.</summary>
    public long InputTokens { get; init; }

    /// <summary>Completion tokens.</summary>
    public long OutputTokens { get; init; }
}

/// <summary>One entry of <c>POST /internal/leases/outcomes</c>: outcomes the gateway reports without waiting for an answer.</summary>
public sealed record OutcomeReport
{
    /// <summary>The lease the attempt ran on.</summary>
    public required string LeaseId { get; init; }

    /// <summary>How the attempt went.</summary>
    public required LeaseOutcome Outcome { get; init; }
}
