using Antigravity.AccountPool.OAuth;
using Antigravity.Contracts.Accounts;

namespace Antigravity.AccountPool.Endpoints;

/// <summary>Google sign-in: the dashboard asks for the authorize URL, then hands back the code.</summary>
internal static class OAuthApi
{
    public static RouteGroupBuilder MapOAuthApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/internal/oauth").RequireInternalCaller();
        group.MapPost("/start", StartAsync);
        group.MapPost("/exchange", ExchangeAsync);
        return group;
    }

    private static async Task<IResult> StartAsync(HttpRequest request, OAuthFlow flow, CancellationToken cancellationToken)
    {
        var (body, error) = await JsonBody.ReadAsync(request, PoolJsonContext.Default.OAuthStartRequest, cancellationToken).ConfigureAwait(false);
        return body is null ? error! : JsonBody.From(await flow.StartAsync(body, cancellationToken).ConfigureAwait(false), PoolJsonContext.Default.OAuthStartResponse);
    }

    private static async Task<IResult> ExchangeAsync(HttpRequest request, OAuthFlow flow, CancellationToken cancellationToken)
    {
        var (body, error) = await JsonBody.ReadAsync(request, PoolJsonContext.Default.OAuthExchangeRequest, cancellationToken).ConfigureAwait(false);
        return body is null ? error! : JsonBody.From(await flow.ExchangeAsync(body, cancellationToken).ConfigureAwait(false), PoolJsonContext.Default.AccountView);
    }
}
