using Antigravity.AccountPool.Leasing;
using Antigravity.Contracts.Accounts;
using Antigravity.Contracts.Leasing;

namespace Antigravity.AccountPool.Endpoints;

/// <summary>The gateway's hot path: one lease per attempt, one outcome report per attempt.</summary>
internal static class LeasesApi
{
    public static RouteGroupBuilder MapLeasesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/internal/leases").RequireInternalCaller();
        group.MapPost("/", LeaseAsync);
        group.MapPost("/{leaseId}/outcome", ReportAsync);
        group.MapPost("/outcomes", ReportManyAsync);
        return group;
    }

    private static async Task<IResult> LeaseAsync(HttpRequest request, LeaseService leases, CancellationToken cancellationToken)
    {
        var (body, error) = await JsonBody.ReadAsync(request, PoolJsonContext.Default.LeaseRequest, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return error!;
        }
        var decision = await leases.LeaseAsync(body, cancellationToken).ConfigureAwait(false);
        if (decision.Lease is { } lease)
        {
            return Results.Json(lease, PoolJsonContext.Default.AccountLease);
        }
        if (decision.Refusal?.RetryAfterSeconds is { } seconds)
        {
            request.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return Results.Json(decision.Refusal, PoolJsonContext.Default.LeaseRefusal, statusCode: decision.Status);
    }

    /// <summary>Most outcomes one gateway may send in one call.</summary>
    public const int MaxReportsPerCall = 1000;

    private static async Task<IResult> ReportManyAsync(HttpRequest request, OutcomeService outcomes, CancellationToken cancellationToken)
    {
        var (body, error) = await JsonBody.ReadAsync(request, PoolJsonContext.Default.IReadOnlyListOutcomeReport, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return error!;
        }
        if (body.Count > MaxReportsPerCall)
        {
            return JsonBody.Problem(400, $"At most {MaxReportsPerCall} outcomes per call; this one has {body.Count}.", null);
        }
        if (body.Any(report => report is null || string.IsNullOrEmpty(report.LeaseId) || report.Outcome is null))
        {
            return JsonBody.Problem(400, "Every entry needs a leaseId and an outcome.", null);
        }
        // Sent together, so Redis sees them pipelined: one round trip for the whole batch.
        await Task.WhenAll(body.Select(report => outcomes.ReportAsync(report.LeaseId, report.Outcome, cancellationToken))).ConfigureAwait(false);
        return Results.NoContent();
    }

    private static async Task<IResult> ReportAsync(string leaseId, HttpRequest request, OutcomeService outcomes, CancellationToken cancellationToken)
    {
        var (body, error) = await JsonBody.ReadAsync(request, PoolJsonContext.Default.LeaseOutcome, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return error!;
        }
        var answer = await outcomes.ReportAsync(leaseId, body, cancellationToken).ConfigureAwait(false);
        return answer is null
            ? JsonBody.Problem(404, $"Lease \"{leaseId}\" is unknown or expired.", "leaseId")
            : Results.Json(answer, PoolJsonContext.Default.OutcomeResponse);
    }
}
