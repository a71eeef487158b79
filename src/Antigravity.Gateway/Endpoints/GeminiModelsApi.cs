using Antigravity.Contracts.Accounts;
using Antigravity.Gateway.Errors;
using Antigravity.Gateway.Models;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Antigravity.Gateway.Endpoints;

/// <summary><c>GET /v1beta/models</c> and <c>GET /v1beta/models/{model}</c>: the model list in the Gemini API's shape.</summary>
internal static class GeminiModelsApi
{
    private static readonly IReadOnlyList<string> Methods = ["generateContent", "streamGenerateContent", "countTokens"];

    /// <summary>Maps the routes.</summary>
    public static IEndpointRouteBuilder MapGeminiModels(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1beta/models", ListAsync);
        app.MapGet("/v1beta/models/{model}", GetAsync);
        return app;
    }

    private static async Task<Ok<GeminiModelList>> ListAsync(ModelCatalog catalog, AccountPoolClient pool, CancellationToken cancellationToken)
    {
        var models = await catalog.ListAsync(pool, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new GeminiModelList([.. models.Select(ToGemini)]));
    }

    private static async Task<Results<Ok<GeminiModel>, ProtocolErrorResult>> GetAsync(
        string model, ModelCatalog catalog, AccountPoolClient pool, CancellationToken cancellationToken) =>
        await catalog.FindAsync(pool, model, cancellationToken).ConfigureAwait(false) is { } found
            ? TypedResults.Ok(ToGemini(found))
            : new ProtocolErrorResult(ApiError.NotFound(
                $"models/{ModelName(model)} is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.",
                "model_not_found"));

    private static GeminiModel ToGemini(CatalogModel model) => new(
        "models/" + model.Id,
        model.Id,
        model.DisplayName,
        model.Target is null ? $"{model.DisplayName}, served by this gateway's account pool." : $"Custom mapping of this gateway to {model.Target}.",
        Methods);

    private static string ModelName(string model) => model.StartsWith("models/", StringComparison.Ordinal) ? model["models/".Length..] : model;
}
