using Antigravity.Contracts.Accounts;
using Antigravity.Gateway.Errors;
using Antigravity.Gateway.Hosting;
using Antigravity.Gateway.Models;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Antigravity.Gateway.Endpoints;

/// <summary>The OpenAI-compatible API under <c>/v1</c>.</summary>
internal static class OpenAiApi
{
    /// <summary>Maps the OpenAI routes and returns their group.</summary>
    public static RouteGroupBuilder MapOpenAiApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1");
        api.MapGet("/models", ListModelsAsync);
        api.MapGet("/models/{model}", GetModelAsync);
        return api;
    }

    /// <summary><c>GET /v1/models</c>: the models the pool serves and the custom mapping's names.</summary>
    private static async Task<Ok<OpenAiModelList>> ListModelsAsync(ModelCatalog catalog, AccountPoolClient pool, GatewayClock clock, CancellationToken cancellationToken)
    {
        var models = await catalog.ListAsync(pool, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new OpenAiModelList([.. models.Select(model => ToOpenAi(model, clock))]));
    }

    /// <summary><c>GET /v1/models/{model}</c>: one model, or a 404 in OpenAI's shape.</summary>
    private static async Task<Results<Ok<OpenAiModel>, ProtocolErrorResult>> GetModelAsync(
        string model, ModelCatalog catalog, AccountPoolClient pool, GatewayClock clock, CancellationToken cancellationToken) =>
        await catalog.FindAsync(pool, model, cancellationToken).ConfigureAwait(false) is { } found
            ? TypedResults.Ok(ToOpenAi(found, clock))
            : new ProtocolErrorResult(ApiError.NotFound(
                $"The model '{model}' does not exist on this gateway; GET /v1/models lists the models it serves.",
                "model_not_found"));

    private static OpenAiModel ToOpenAi(CatalogModel model, GatewayClock clock) =>
        new(model.Id, clock.StartedAt.ToUnixTimeSeconds(), model.OwnedBy);
}
