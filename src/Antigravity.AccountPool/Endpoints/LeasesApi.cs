using Antigravity.AccountPool.Leasing;
using Antigravity.Contracts.Accounts;
using Antigravity.Contracts.Leasing;

namespace Antigravity.AccountPool.Endpoints;

/// <summary>The gateway's hot path: one lease per attempt, one outcome report per attempt.</summary>
internal static class LeasesApi
{
    public static RouteGroupBuilder MapLeasesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/internal/leases").RequireLocalCaller();
        group.MapPost("/", LeaseAsync);
        group.MapPost("/{leaseId}/outcome", ReportAsync);
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
