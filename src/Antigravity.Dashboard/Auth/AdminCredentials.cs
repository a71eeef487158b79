using System.Net;

namespace Antigravity.Dashboard.Auth;

/// <summary>The outcome of checking a presented admin password.</summary>
internal enum CredentialVerdict
{
    /// <summary>The password is right.</summary>
    Accepted,

    /// <summary>The password is wrong.</summary>
    Rejected,

    /// <summary>Too many recent failures from this client: not even looked at.</summary>
    Throttled,
}

/// <summary>Result of <see cref="AdminCredentials.CheckAsync"/>; <paramref name="RetryAfter"/> is set when throttled.</summary>
internal readonly record struct CredentialCheck(CredentialVerdict Verdict, TimeSpan? RetryAfter = null)
{
    /// <summary>Whole seconds to wait, rounded up, for <c>Retry-After</c> and messages.</summary>
    public int RetryAfterSeconds => RetryAfter is { } wait ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 0;
}

/// <summary>
/// The one place a presented admin password is judged, for the API's bearer header and the sign-in form
/// alike: throttle first, then a constant-time comparison, then bookkeeping of the outcome.
/// </summary>
internal sealed class AdminCredentials(AdminPassword password, SignInThrottle throttle)
{
    public async ValueTask<CredentialCheck> CheckAsync(IPAddress? client, string? candidate, CancellationToken cancellationToken)
    {
        if (throttle.RetryAfter(client) is { } wait)
        {
            return new CredentialCheck(CredentialVerdict.Throttled, wait);
        }
        if (await password.MatchesAsync(candidate, cancellationToken).ConfigureAwait(false))
        {
            throttle.RecordSuccess(client);
            return new CredentialCheck(CredentialVerdict.Accepted);
        }
        throttle.RecordFailure(client);
        return new CredentialCheck(CredentialVerdict.Rejected);
    }
}
