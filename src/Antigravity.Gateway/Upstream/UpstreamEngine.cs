using System.Diagnostics;
using System.Text;
using Antigravity.Gateway.Monitor;
using Antigravity.Contracts.Accounts;
using Antigravity.Contracts.Leasing;
using Antigravity.Contracts.Settings;
using Antigravity.Gateway.Errors;
using Antigravity.Gateway.Hosting;
using Antigravity.Gateway.Upstream.Kinds;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Antigravity.Gateway.Upstream;

/// <summary>
/// Leases accounts from the pool and calls the upstream, failing over to other accounts (and other base URLs
/// of the same account) until one answers 2xx or the pool/attempt budget says stop. Nothing reaches the
/// client before a 2xx, so every failover is invisible to it. A conversation's first attempt uses the lease held
/// for it (<see cref="HeldLeases"/>) when there is one, without a call to the pool.
/// </summary>
internal sealed partial class UpstreamEngine(
    AccountPoolClient pool,
    HeldLeases held,
    OutcomeReporter reporter,
    UpstreamKinds upstreamKinds,
    UpstreamHttp http,
    IOptions<UpstreamOptions> options,
    IOptions<GatewayLimitsOptions> limits,
    TimeProvider time,
    ILogger<UpstreamEngine> logger)
{
    private const int MaxErrorBodyChars = 8 * 1024;

    /// <summary>Seconds a client is told to wait when the account pool cannot be reached.</summary>
    public const int PoolRetryAfterSeconds = 5;

    /// <summary>Sends <paramref name="call"/>; the caller owns (and must dispose) the returned attempt.</summary>
    public async Task<UpstreamResult> SendAsync(UpstreamCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var tried = new List<string>();
        var counted = 0;
        AccountLease? lease = null;
        var refreshedAccounts = new HashSet<string>(StringComparer.Ordinal);
        (int Status, string? Message, int? RetryAfter)? lastFailure = null;
        var kinds = call.Kinds;
        var attempts = 0;
        DateTimeOffset? earliestReset = null;
        AccountLease? lastLease = null;
        ApiError? forcedToolRefused = null;
        UpstreamResult Done(UpstreamAttempt? attempt, ApiError? error) => new(attempt, error) { Attempts = attempts, LastLease = lastLease };

        while (true)
        {
            if (lease is null && tried.Count == 0 && held.Find(call) is { } heldLease)
            {
                lease = heldLease;
                GatewayTelemetry.RecordHeldLease();
            }
            if (lease is null)
            {
                var request = new LeaseRequest
                {
                    Model = call.Model,
                    SessionKey = call.SessionKey,
                    Protocol = call.Protocol,
                    ExcludeAccountIds = tried.Count == 0 ? null : [.. tried],
                    Kinds = kinds,
                };
                var leaseStarted = time.GetTimestamp();
                LeaseResult? leased;
                using (var leaseSpan = GatewayTelemetry.Source.StartActivity("lease account"))
                {
                    leaseSpan?.SetTag("gen_ai.request.model", call.Model);
                    leased = await PoolCallAsync(token => pool.LeaseAsync(request, token), LeaseDeadline(call.Scheduling), cancellationToken).ConfigureAwait(false);
                    leaseSpan?.SetTag("antigravity.account.id", leased?.Lease?.AccountId);
                }
                GatewayTelemetry.RecordLease(time.GetElapsedTime(leaseStarted), leased?.Lease is not null);
                if (leased is null)
                {
                    return Done(null, PoolUnreachable(lastFailure));
                }
                if (leased.Lease is null && call.FallbackKinds is { } fallback && !ReferenceEquals(kinds, fallback))
                {
                    // fallback dispatch: the first kinds cannot serve, so the provider accounts get their turn.
                    kinds = fallback;
                    continue;
                }
                if (leased.Lease is null)
                {
                    return Done(null, forcedToolRefused ?? RefusalToError(leased, lastFailure, call.Model));
                }
                lease = leased.Lease;
                if (ReferenceEquals(kinds, call.Kinds))
                {
                    // A fallback lease serves only while the first kinds cannot: it is not held for the next request.
                    held.Hold(call, lease);
                }
            }

            var kind = upstreamKinds.For(lease.Kind);
            if (call.RequiredBuiltInTool is { } required && !BuiltInToolSupport.CanRun(call, lease, kind))
            {
                // The client forces a tool this account cannot run: another account may; if none can, say which tool.
                LogForcedToolRefused(logger, lease.AccountId, required);
                ReportInBackground(lease.LeaseId, new LeaseOutcome { Status = 400, Reason = "forced built-in tool " + required });
                forcedToolRefused = new ApiError(400, ApiErrorKind.InvalidRequest, Protocols.Tools.SearchNotices.Forced(required), "tool_not_supported");
                tried.Add(lease.AccountId);
                lease = null;
                continue;
            }

            attempts++;
            lastLease = lease;
            using var attemptSpan = GatewayTelemetry.Source.StartActivity("upstream attempt", ActivityKind.Client);
            attemptSpan?.SetTag("antigravity.account.id", lease.AccountId);
            attemptSpan?.SetTag("antigravity.account.kind", lease.Kind);
            attemptSpan?.SetTag("gen_ai.system", kind.GenAiSystem);
            attemptSpan?.SetTag("gen_ai.request.model", lease.UpstreamModel);
            var failure = await TryAccountAsync(call, lease, kind, cancellationToken).ConfigureAwait(false);
            if (failure.Attempt is not null)
            {
                attemptSpan?.SetTag("http.response.status_code", 200);
                return Done(failure.Attempt, null);
            }

            var status = failure.Status;
            attemptSpan?.SetTag("http.response.status_code", status);
            attemptSpan?.SetTag("antigravity.failover.reason", FailoverPolicy.IsQuotaFailure(status) ? "quota" : FailoverPolicy.IsAccountFailure(status) ? "account" : "request");
            attemptSpan?.SetStatus(ActivityStatusCode.Error);
            lastFailure = (status, FailoverPolicy.ExtractMessage(failure.Body), FailoverPolicy.ParseRetryAfter(failure.RetryAfter, time.GetUtcNow()) ?? SecondsUntil(earliestReset));
            LogAttemptFailed(logger, lease.AccountId, call.Model, status);
            held.Drop(call, lease);
            if (!FailoverPolicy.IsAccountFailure(status))
            {
                // The request's own fault (400, 404, 413…): another account would answer the same.
                ReportInBackground(lease.LeaseId, new LeaseOutcome { Status = status, ErrorBody = failure.Body });
                return Done(null, FailoverPolicy.ToClientError(status, lastFailure.Value.Message, lastFailure.Value.RetryAfter));
            }

            var outcome = new LeaseOutcome
            {
                Status = status,
                RetryAfterHeader = failure.RetryAfter,
                ErrorBody = failure.Body,
            };
            var leaseId = lease.LeaseId;
            var answer = await PoolCallAsync(token => pool.ReportOutcomeAsync(leaseId, outcome, token), PoolDeadline(), cancellationToken).ConfigureAwait(false)
                ?? new OutcomeResponse { Action = OutcomeActions.NextAccount, Reason = "the account pool is unreachable" };
            if (FailoverPolicy.IsQuotaFailure(status) && answer.CooldownUntil is { } until && (earliestReset is null || until < earliestReset))
            {
                // The account's real reset (from the upstream's quotaResetDelay / retryDelay), for Retry-After.
                earliestReset = until;
                lastFailure = lastFailure.Value with { RetryAfter = FailoverPolicy.ParseRetryAfter(failure.RetryAfter, time.GetUtcNow()) ?? SecondsUntil(until) };
            }

            if (!FailoverPolicy.IsQuotaFailure(status))
            {
                counted++;
            }
            if (!FailoverPolicy.MayRetry(counted, options.Value.MaxUpstreamAttempts))
            {
                return Done(null, FailoverPolicy.ToClientError(status, lastFailure.Value.Message, lastFailure.Value.RetryAfter));
            }

            if (answer.Action == OutcomeActions.RetrySameAfterRefresh && answer.Lease is not null && refreshedAccounts.Add(lease.AccountId))
            {
                lease = answer.Lease;
                continue;
            }
            if (answer.Action == OutcomeActions.None)
            {
                return Done(null, FailoverPolicy.ToClientError(status, lastFailure.Value.Message, lastFailure.Value.RetryAfter));
            }
            tried.Add(lease.AccountId);
            lease = null;
        }
    }

    /// <summary>Reports a successful attempt with its usage, off the response path.</summary>
    public void ReportSuccess(AccountLease lease, Protocols.Usage.TokenUsage usage) =>
        ReportInBackground(lease.LeaseId, new LeaseOutcome
        {
            Status = 200,
            Usage = new TokenUsage { InputTokens = usage.InputTokens, OutputTokens = usage.OutputTokens + usage.ReasoningTokens },
        });

    /// <summary>Reports a failure that happened after the first byte (stream cut), off the response path.</summary>
    public void ReportStreamFailure(AccountLease lease, string reason) =>
        ReportInBackground(lease.LeaseId, new LeaseOutcome { Status = 502, Reason = reason });

    private void ReportInBackground(string leaseId, LeaseOutcome outcome) => reporter.Report(leaseId, outcome);

    /// <summary>
    /// A call to the pool within <paramref name="deadline"/>; null when the pool is down (connection refused, open
    /// circuit), hung (no answer by the deadline) or its answer cannot be read — never an exception for those.
    /// </summary>
    private async Task<T?> PoolCallAsync<T>(Func<CancellationToken, Task<T>> call, TimeSpan deadline, CancellationToken cancellationToken)
        where T : class
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(deadline);
        try
        {
            return await call(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogPoolUnreachable(logger, $"no answer within {deadline.TotalSeconds:0.#} s");
            return null;
        }
        catch (Exception exception) when (IsPoolUnreachable(exception))
        {
            LogPoolUnreachable(logger, exception.Message);
            return null;
        }
    }

    /// <summary>
    /// True for the ways a pool call fails without an answer: refused or reset (<see cref="HttpRequestException"/>),
    /// the resilience pipeline's open circuit or timeout, or an answer that is not the pool's JSON.
    /// </summary>
    public static bool IsPoolUnreachable(Exception exception) =>
        exception is HttpRequestException or BrokenCircuitException or TimeoutRejectedException or System.Text.Json.JsonException;

    /// <summary>
    /// How long a lease may take: <see cref="GatewayLimitsOptions.PoolLeaseTimeoutSeconds"/> beyond the wait the
    /// scheduling settings allow the pool (an all-limited wait, or cache_first's wait for the session's account).
    /// </summary>
    private TimeSpan LeaseDeadline(SchedulingSettings scheduling)
    {
        var allowedWait = Math.Max(scheduling.AllLimitedWaitSeconds, scheduling.Mode == "cache_first" ? scheduling.MaxWaitSeconds : 0);
        return TimeSpan.FromSeconds(allowedWait) + PoolDeadline();
    }

    private TimeSpan PoolDeadline() => TimeSpan.FromSeconds(limits.Value.PoolLeaseTimeoutSeconds);

    private int? SecondsUntil(DateTimeOffset? when) =>
        when is { } at ? Math.Max(1, (int)Math.Ceiling((at - time.GetUtcNow()).TotalSeconds)) : null;

    /// <summary>503 with Retry-After when the pool cannot be reached, unless an upstream failure already says more.</summary>
    private static ApiError PoolUnreachable((int Status, string? Message, int? RetryAfter)? lastFailure) =>
        lastFailure is { } failure
            ? FailoverPolicy.ToClientError(failure.Status, failure.Message, failure.RetryAfter)
            : new ApiError(StatusCodes.Status503ServiceUnavailable, ApiErrorKind.Unavailable,
                "The account pool is not reachable right now; retry in a few seconds.", "pool_unavailable", PoolRetryAfterSeconds);

    private async Task<(UpstreamAttempt? Attempt, int Status, string? Body, string? RetryAfter)> TryAccountAsync(
        UpstreamCall call, AccountLease lease, IUpstreamKind kind, CancellationToken cancellationToken)
    {
        var requestId = "agent-" + Guid.NewGuid().ToString("N");
        var baseUrls = lease.BaseUrls.Count == 0 ? throw new InvalidOperationException("The pool gave a lease without base URLs.") : lease.BaseUrls;
        var counting = call.CountTokens ? CountRequest(call, lease) : default;
        (int Status, string? Body, string? RetryAfter) last = (0, null, null);
        for (var i = 0; i < baseUrls.Count; i++)
        {
            using var request = call.CountTokens
                ? kind.CreateCountTokens(lease, baseUrls[i], counting.Generate!, counting.Body!)
                : kind.CreateGenerate(lease, baseUrls[i], call.GeminiJson, requestId, call.PassThrough, call.BuiltInTools.Count > 0, call.AnswersWholeOn(kind));
            HttpResponseMessage response;
            try
            {
                response = await http.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException exception)
            {
                LogNetworkError(logger, lease.AccountId, exception.Message);
                last = (0, null, null);
                continue;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                last = (408, null, null);
                continue;
            }

            if (response.IsSuccessStatusCode)
            {
                return (new UpstreamAttempt(response, lease, kind), (int)response.StatusCode, null, null);
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                var body = await ReadErrorBodyAsync(response, cancellationToken).ConfigureAwait(false);
                var retryAfter = response.Headers.TryGetValues("Retry-After", out var values) ? values.FirstOrDefault() : null;
                last = (status, body, retryAfter);
                if (!FailoverPolicy.TryNextBaseUrl(status))
                {
                    break;
                }
            }
        }
        return (null, last.Status, last.Body, last.RetryAfter);
    }

    /// <summary>The request to count and Gemini's <c>countTokens</c> body for it, made once for every base URL.</summary>
    private static (Protocols.Gemini.GeminiGenerateContentRequest? Generate, System.Text.Json.Nodes.JsonNode? Body) CountRequest(UpstreamCall call, AccountLease lease)
    {
        var generate = UpstreamRequests.Gemini(call.GeminiJson);
        var count = Protocols.Translation.CountTokensTranslator.ToGemini(generate, lease.UpstreamModel);
        return (generate, System.Text.Json.JsonSerializer.SerializeToNode(count, Protocols.Gemini.GeminiJsonContext.Default.GeminiCountTokensRequest));
    }

    private static async Task<string?> ReadErrorBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return text.Length > MaxErrorBodyChars ? text[..MaxErrorBodyChars] : text;
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static ApiError RefusalToError(LeaseResult refused, (int Status, string? Message, int? RetryAfter)? lastFailure, string model)
    {
        var status = (int)refused.StatusCode;
        var message = refused.Refusal?.Error;
        if (status == 404 && lastFailure is null)
        {
            return FailoverPolicy.UnknownModel(model);
        }
        if (status == 429 && lastFailure is not { Status: not 429 })
        {
            return FailoverPolicy.AllExhausted(refused.Refusal?.RetryAfterSeconds ?? lastFailure?.RetryAfter ?? FailoverPolicy.DefaultRetryAfterSeconds);
        }
        if (lastFailure is { } failure)
        {
            // Every account that could serve the model was tried: the last upstream failure tells the client most.
            return FailoverPolicy.ToClientError(failure.Status, failure.Message, failure.RetryAfter);
        }
        return status == 400
            ? new ApiError(400, ApiErrorKind.InvalidRequest, message ?? "The account pool rejected the request.", "invalid_request")
            : ApiError.Unavailable(message ?? "No available accounts, please add an account first") with { RetryAfterSeconds = refused.Refusal?.RetryAfterSeconds };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upstream attempt on account {AccountId} for {Model} failed with status {Status}")]
    private static partial void LogAttemptFailed(ILogger logger, string accountId, string model, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upstream unreachable for account {AccountId}: {Reason}")]
    private static partial void LogNetworkError(ILogger logger, string accountId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The account pool is unreachable: {Reason}")]
    private static partial void LogPoolUnreachable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId} cannot run the built-in tool {Tool} the request forces; trying another")]
    private static partial void LogForcedToolRefused(ILogger logger, string accountId, string tool);
}
