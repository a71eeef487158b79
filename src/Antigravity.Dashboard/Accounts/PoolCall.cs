using System.Net;
using Antigravity.Contracts.Accounts;
using Antigravity.Dashboard.Endpoints;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Antigravity.Dashboard.Accounts;

/// <summary>The result of one call to the account pool: its value, or the status and the sentence to show.</summary>
/// <typeparam name="T">The value of a successful answer.</typeparam>
internal readonly record struct PoolOutcome<T>(T? Value, HttpStatusCode Status, string? Error, string? Field)
{
    /// <summary>True when the pool answered 2xx.</summary>
    public bool IsSuccess => Error is null;
}

/// <summary>
/// Calls the account pool service and turns every way it can fail (a refusal, the service down, no answer in
/// time) into a status and a sentence, so the admin API and the pages say the same thing.
/// </summary>
internal static class PoolCall
{
    /// <summary>What a user reads when the pool service is down.</summary>
    public const string Unreachable = "The account pool service is not reachable; try again in a moment.";

    /// <summary>What a user reads when the pool service does not answer in time.</summary>
    public const string TimedOut = "The account pool service did not answer in time.";

    /// <summary>Runs <paramref name="call"/> against the pool through the dashboard's named HttpClient.</summary>
    public static async Task<PoolOutcome<T>> RunAsync<T>(IHttpClientFactory factory, Func<AccountPoolClient, Task<PoolAnswer<T>>> call, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await call(AccountsApi.Client(factory));
            return answer.IsSuccess
                ? new PoolOutcome<T>(answer.Value, answer.StatusCode, null, null)
                : new PoolOutcome<T>(default, answer.StatusCode, answer.Error?.Error ?? "The account pool refused the request.", answer.Error?.Field);
        }
        catch (Exception ex) when (IsUnreachable(ex))
        {
            return new PoolOutcome<T>(default, HttpStatusCode.ServiceUnavailable, Unreachable, null);
        }
        catch (Exception ex) when (ex is TaskCanceledException or TimeoutRejectedException && !cancellationToken.IsCancellationRequested)
        {
            return new PoolOutcome<T>(default, HttpStatusCode.GatewayTimeout, TimedOut, null);
        }
    }

    /// <summary>
    /// True for the ways a call to the pool fails without an answer: the connection refused or reset,
    /// or the resilience handler's circuit open because the last calls failed that way.
    /// </summary>
    public static bool IsUnreachable(Exception exception) => exception is HttpRequestException or BrokenCircuitException;
}
