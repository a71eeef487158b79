using Antigravity.Dashboard.Monitor;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Antigravity.Dashboard.Endpoints;

/// <summary>Token statistics (<c>/api/stats/…</c>, admin password required) from the gateway's hourly and per-minute aggregates.</summary>
internal static class StatsApi
{
    public static RouteGroupBuilder MapStatsApi(this IEndpointRouteBuilder app)
    {
        var stats = MonitorOpenApi.AdminGroup(app, "/api/stats", "Statistics");
        stats.MapGet("/tokens", GetTokensAsync)
            .WithName("GetTokenStats")
            .WithSummary("Requests and tokens over time for charts: range=hour (60 one-minute buckets), day (24 hours), week (7 UTC days); by=model or account.")
            .AddOpenApiOperationTransformer(MonitorOpenApi.Query(MonitorOpenApi.StatsParameters));
        stats.MapGet("/summary", GetSummaryAsync)
            .WithName("GetStatsSummary")
            .WithSummary("Requests per minute and error rate over the last five minutes, and today's requests and tokens (UTC).");
        return stats;
    }

    public static async Task<Results<Ok<TokenStatsResponse>, BadRequest<ApiErrorResponse>>> GetTokensAsync(
        HttpRequest request, TokenStatsService stats, CancellationToken cancellationToken)
    {
        if (MonitorQuery.TryParseChoice(request.Query, "range", MonitorQuery.Ranges, "day", out var range) is { } rangeError)
        {
            return TypedResults.BadRequest(new ApiErrorResponse(rangeError));
        }
        if (MonitorQuery.TryParseChoice(request.Query, "by", MonitorQuery.Groupings, "model", out var by) is { } byError)
        {
            return TypedResults.BadRequest(new ApiErrorResponse(byError));
        }
        return TypedResults.Ok(await stats.GetTokensAsync(range, by, cancellationToken));
    }

    public static async Task<Ok<StatsSummaryResponse>> GetSummaryAsync(TokenStatsService stats, CancellationToken cancellationToken) =>
        TypedResults.Ok(await stats.GetSummaryAsync(cancellationToken));
}
