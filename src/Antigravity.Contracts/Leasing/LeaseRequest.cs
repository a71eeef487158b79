namespace Antigravity.Contracts.Leasing;

/// <summary>Body of <c>POST /internal/leases</c>: an account for one upstream attempt.</summary>
public sealed record LeaseRequest
{
    /// <summary>The upstream model id (after the gateway's model mapping), e.g. <c>gemini-2.5-pro</c>.</summary>
    public string? Model { get; init; }

    /// <summary>Session key for stickiness (Anthropic <c>metadata.user_id</c>, else a hash of the first user message); optional.</summary>
    public string? SessionKey { get; init; }

    /// <summary>The client protocol (<c>openai</c>, <c>anthropic</c>, <c>gemini</c>); informational.</summary>
    public string? Protocol { get; init; }

    /// <summary>Accounts already tried for this request (skipped).</summary>
    public IReadOnlyList<string>? ExcludeAccountIds { get; init; }

    /// <summary>Only these kinds (<see cref="Accounts.AccountKinds"/>); null or empty: any kind.</summary>
    public IReadOnlyList<string>? Kinds { get; init; }
}
