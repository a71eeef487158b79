using Antigravity.Contracts.Leasing;

namespace Antigravity.AccountPool.Leasing;

/// <summary>The lease service's answer: a lease, or a refusal with its HTTP status.</summary>
internal sealed record LeaseDecision(AccountLease? Lease, int Status, LeaseRefusal? Refusal)
{
    public const string NoAccountsMessage = "No available accounts, please add an account first";

    public static LeaseDecision Granted(AccountLease lease) => new(lease, 200, null);

    public static LeaseDecision Limited(int retryAfterSeconds, string model) =>
        new(null, 429, new LeaseRefusal { Error = $"All accounts limited for {model}. Wait {retryAfterSeconds}s.", RetryAfterSeconds = retryAfterSeconds });

    /// <summary>404: no account, enabled or not, serves the model — the client named a model this pool does not have.</summary>
    public static LeaseDecision ModelNotServed(string model) => new(null, 404, new LeaseRefusal { Error = $"No account serves model {model}." });

    public static LeaseDecision Unavailable(string message) => new(null, 503, new LeaseRefusal { Error = message });

    public static LeaseDecision BadRequest(string message) => new(null, 400, new LeaseRefusal { Error = message });
}
