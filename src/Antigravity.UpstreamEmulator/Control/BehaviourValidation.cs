using Antigravity.UpstreamEmulator.Faults;
using Antigravity.UpstreamEmulator.State;

namespace Antigravity.UpstreamEmulator.Control;

/// <summary>Says exactly what is wrong with a scripted behaviour before it is stored.</summary>
internal static class BehaviourValidation
{
    private static readonly int[] s_serverStatuses = [500, 502, 503, 504, 529];

    public static string? Check(BehaviourRequest request)
    {
        if (request.Action is null || !BehaviourActions.All.Contains(request.Action))
        {
            return $"'action' must be one of: {string.Join(", ", BehaviourActions.All)}.";
        }
        if (request.Scope is not (null or BehaviourScopes.Generation or BehaviourScopes.Any))
        {
            return "'scope' must be 'generation' (default) or 'any'.";
        }
        if (request.Times is < 1)
        {
            return "'times' must be at least 1 (leave it out for a sticky rule).";
        }
        if (request.Action == BehaviourActions.ServerError && request.Status is int status && !s_serverStatuses.Contains(status))
        {
            return "'status' of server_error must be one of: 500, 502, 503, 504, 529.";
        }
        if (request.Action == BehaviourActions.SlowFirstByte && request.DelayMs is not (>= 1 and <= 600_000))
        {
            return "slow_first_byte needs 'delayMs' between 1 and 600000.";
        }
        if (request.Action == BehaviourActions.StallStream && request.DelayMs is not (>= 1 and <= 600_000))
        {
            return "stall_stream needs 'delayMs' between 1 and 600000.";
        }
        if (request.AfterEvents is < 0)
        {
            return "'afterEvents' must not be negative.";
        }
        if (request.RetryAfter is < 0)
        {
            return "'retryAfter' (seconds) must not be negative.";
        }
        if (request.QuotaResetDelay is not null && !DurationText.TryParse(request.QuotaResetDelay, out _))
        {
            return "'quotaResetDelay' must be a duration like \"3600s\" or \"1h16m0.667s\".";
        }
        if (request.RetryDelay is not null && !DurationText.TryParse(request.RetryDelay, out _))
        {
            return "'retryDelay' must be a duration like \"42s\".";
        }
        if (request.ValidationUrl is not null && !Uri.TryCreate(request.ValidationUrl, UriKind.Absolute, out _))
        {
            return "'validationUrl' must be an absolute URL.";
        }
        return null;
    }
}
