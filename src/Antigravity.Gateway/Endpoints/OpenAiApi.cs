using Microsoft.AspNetCore.Http.HttpResults;
using Antigravity.Gateway.Errors;
using Antigravity.Gateway.Hosting;
using Antigravity.Gateway.Models;

namespace Antigravity.Gateway.Endpoints;

/// <summary>The OpenAI-compatible API under <c>/v1</c>.</summary>
internal static class OpenAiApi
{
    /// <summary>Maps the OpenAI routes and returns their group.</summary>
    public static RouteGroupBuilder MapOpenAiApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1");
        api.MapGet("/models", ListModels);
        api.MapGet("/models/{model}", GetModel);
        return api;
    }

    /// <summary><c>GET /v1/models</c>: the models a client may ask for.</summary>
    private static Ok<OpenAiModelList> ListModels(GatewayClock clock) =>
        TypedResults.Ok(new OpenAiModelList([.. BuiltInModels.All.Select(model => ToOpenAi(model, clock))]));

    /// <summary><c>GET /v1/models/{model}</c>: one model, or a 404 in OpenAI's shape.</summary>
    private static Results<Ok<OpenAiModel>, ProtocolErrorResult> GetModel(string model, GatewayClock clock) =>
        BuiltInModels.Find(model) is { } found
            ? TypedResults.Ok(ToOpenAi(found, clock))
            : new ProtocolErrorResult(ApiError.NotFound(
                $"The model '{model}' does not exist on this gateway; GET /v1/models lists the models it serves.",
                "model_not_found"));

    private static OpenAiModel ToOpenAi(BuiltInModel model, GatewayClock clock) =>
        new(model.Id, clock.StartedAt.ToUnixTimeSeconds(), model.OwnedBy);
}
