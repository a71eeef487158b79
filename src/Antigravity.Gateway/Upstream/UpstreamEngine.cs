using System.Diagnostics;
using System.Text;
using Antigravity.Gateway.Monitor;
using Antigravity.Contracts.Accounts;
using Antigravity.Contracts.Leasing;
using Antigravity.Gateway.Errors;
using Microsoft.Extensions.Options;

namespace Antigravity.Gateway.Upstream;

/// <summary>
/// Leases accounts from the pool and calls the upstream, failing over to other accounts (and other base URLs
/// of the same account) until one answers 2xx or the pool/attempt budget says stop. Nothing reaches the
/// client before a 2xx, so every failover is invisible to it.
/// </summary>
internal sealed partial class UpstreamEngine(
    AccountPoolClient pool,
    UpstreamHttp http,
    IOptions<UpstreamOptions> options,
    TimeProvider time,
    ILogger<UpstreamEngine> logger)
{
    private const int MaxErrorBodyChars = 8 * 1024;

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
        AccountLease? lastLease = null;
        ApiError? forcedToolRefused = null;
        UpstreamResult Done(UpstreamAttempt? attempt, ApiError? error) => new(attempt, error) { Attempts = attempts, LastLease = lastLease };

        while (true)
        {
            if (lease is null)
            {
                var leaseStarted = time.GetTimestamp();
                LeaseResult leased;
                using (var leaseSpan = GatewayTelemetry.Source.StartActivity("lease account"))
                {
                    leaseSpan?.SetTag("gen_ai.request.model", call.Model);
                    leased = await pool.LeaseAsync(new LeaseRequest
                    {
                        Model = call.Model,
                        SessionKey = call.SessionKey,
                        Protocol = call.Protocol,
                        ExcludeAccountIds = tried.Count == 0 ? null : [.. tried],
                        Kinds = kinds,
                    }, cancellationToken).ConfigureAwait(false);
                    leaseSpan?.SetTag("antigravity.account.id", leased.Lease?.AccountId);
                }
                GatewayTelemetry.RecordLease(time.GetElapsedTime(leaseStarted), leased.Lease is not null);
                if (leased.Lease is null && call.FallbackKinds is { } fallback && !ReferenceEquals(kinds, fallback))
                {
                    // fallback dispatch: the first kinds cannot serve, so the provider accounts get their turn.
                    kinds = fallback;
                    continue;
                }
                if (leased.Lease is null)
                {
                    return Done(null, forcedToolRefused ?? RefusalToError(leased, lastFailure));
                }
                lease = leased.Lease;
            }

            if (call.RequiredBuiltInTool is { } required && !BuiltInToolSupport.CanRun(call, lease))
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
            attemptSpan?.SetTag("gen_ai.system", GatewayTelemetry.SystemOf(lease.Kind));
            attemptSpan?.SetTag("gen_ai.request.model", lease.UpstreamModel);
            var failure = await TryAccountAsync(call, lease, cancellationToken).ConfigureAwait(false);
            if (failure.Attempt is not null)
            {
                attemptSpan?.SetTag("http.response.status_code", 200);
                return Done(failure.Attempt, null);
            }

            var status = failure.Status;
            attemptSpan?.SetTag("http.response.status_code", status);
            attemptSpan?.SetTag("antigravity.failover.reason", FailoverPolicy.IsQuotaFailure(status) ? "quota" : FailoverPolicy.IsAccountFailure(status) ? "account" : "request");
            attemptSpan?.SetStatus(ActivityStatusCode.Error);
            lastFailure = (status, FailoverPolicy.ExtractMessage(failure.Body), FailoverPolicy.ParseRetryAfter(failure.RetryAfter, time.GetUtcNow()));
            LogAttemptFailed(logger, lease.AccountId, call.Model, status);
            if (!FailoverPolicy.IsAccountFailure(status))
            {
                // The request's own fault (400, 404, 413…): another account would answer the same.
                ReportInBackground(lease.LeaseId, new LeaseOutcome { Status = status, ErrorBody = failure.Body });
                return Done(null, FailoverPolicy.ToClientError(status, lastFailure.Value.Message, lastFailure.Value.RetryAfter));
            }

            var answer = await pool.ReportOutcomeAsync(lease.LeaseId, new LeaseOutcome
            {
                Status = status,
                RetryAfterHeader = failure.RetryAfter,
                ErrorBody = failure.Body,
            }, cancellationToken).ConfigureAwait(false);

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

    private void ReportInBackground(string leaseId, LeaseOutcome outcome) =>
        _ = Task.Run(async () =>
        {
            try
            {
                await pool.ReportOutcomeAsync(leaseId, outcome, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or InvalidOperationException)
            {
                LogReportFailed(logger, outcome.Status, exception);
            }
        });

    private async Task<(UpstreamAttempt? Attempt, int Status, string? Body, string? RetryAfter)> TryAccountAsync(
        UpstreamCall call, AccountLease lease, CancellationToken cancellationToken)
    {
        var requestId = "agent-" + Guid.NewGuid().ToString("N");
        var baseUrls = lease.BaseUrls.Count == 0 ? throw new InvalidOperationException("The pool gave a lease without base URLs.") : lease.BaseUrls;
        (int Status, string? Body, string? RetryAfter) last = (0, null, null);
        for (var i = 0; i < baseUrls.Count; i++)
        {
            using var request = call.CountTokens
                ? UpstreamRequestFactory.CreateCountTokens(lease, baseUrls[i], call.GeminiJson)
                : UpstreamRequestFactory.Create(lease, baseUrls[i], call.GeminiJson, requestId, call.PassThrough, call.BuiltInTools.Count > 0);
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
                return (new UpstreamAttempt(response, lease), (int)response.StatusCode, null, null);
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

    private static ApiError RefusalToError(LeaseResult refused, (int Status, string? Message, int? RetryAfter)? lastFailure)
    {
        var status = (int)refused.StatusCode;
        var message = refused.Refusal?.Error;
        if (status == 429)
        {
            return FailoverPolicy.AllExhausted(refused.Refusal?.RetryAfterSeconds ?? lastFailure?.RetryAfter ?? 60);
        }
        if (lastFailure is { } failure)
        {
            // Every account that could serve the model was tried: the last upstream failure tells the client most.
            return FailoverPolicy.ToClientError(failure.Status, failure.Message, failure.RetryAfter);
        }
        return status == 400
            ? new ApiError(400, ApiErrorKind.InvalidRequest, message ?? "The account pool rejected the request.", "invalid_request")
            : ApiError.Unavailable(message ?? "No available accounts, please add an account first");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upstream attempt on account {AccountId} for {Model} failed with status {Status}")]
    private static partial void LogAttemptFailed(ILogger logger, string accountId, string model, int status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId} cannot run the built-in tool {Tool} the request forces; trying another")]
    private static partial void LogForcedToolRefused(ILogger logger, string accountId, string tool);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upstream unreachable for account {AccountId}: {Reason}")]
    private static partial void LogNetworkError(ILogger logger, string accountId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reporting an outcome ({Status}) to the account pool failed")]
    private static partial void LogReportFailed(ILogger logger, int status, Exception exception);
}
