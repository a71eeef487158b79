using System.Text.Json.Nodes;
using Antigravity.UpstreamEmulator.Faults;
using Antigravity.UpstreamEmulator.Generation;
using Antigravity.UpstreamEmulator.State;
using Antigravity.UpstreamEmulator.Streaming;

namespace Antigravity.UpstreamEmulator.GeminiApi;

/// <summary>The public Gemini API: <c>/v1beta/models</c>, <c>/v1beta/models/{model}</c> and <c>/v1beta/models/{model}:{method}</c>.</summary>
internal static class GeminiApi
{
    public static RouteGroupBuilder MapGeminiApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1beta").WithTags("Gemini API");
        group.MapGet("/models", ListModels);
        group.MapGet("/models/{model}", GetModel);
        group.MapPost("/models/{modelAndMethod}", CallModelAsync);
        return group;
    }

    private static IResult ListModels(HttpContext context, EmulatorState state)
    {
        if (!GeminiApiKeyAuth.Authenticate(context, state, out var error))
        {
            return error!;
        }
        var models = new JsonArray();
        foreach (var model in GeminiApiModels.All)
        {
            models.Add(model.ToJson());
        }
        return Results.Text(new JsonObject { ["models"] = models }.ToJsonString(EmulatorJson.Compact), "application/json; charset=UTF-8");
    }

    private static IResult GetModel(string model, HttpContext context, EmulatorState state)
    {
        if (!GeminiApiKeyAuth.Authenticate(context, state, out var error))
        {
            return error!;
        }
        return GeminiApiModels.Find(model) is { } found
            ? Results.Text(found.ToJson().ToJsonString(EmulatorJson.Compact), "application/json; charset=UTF-8")
            : GoogleErrors.NotFound($"models/{model} is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.");
    }

    private static async Task<IResult> CallModelAsync(string modelAndMethod, HttpContext context, EmulatorState state, GeminiRequestReader reader, ReplyPlanner planner)
    {
        var colon = modelAndMethod.LastIndexOf(':');
        if (colon <= 0)
        {
            return GoogleErrors.NotFound($"Method not found: POST /v1beta/models/{modelAndMethod}");
        }
        var modelName = modelAndMethod[..colon];
        var method = modelAndMethod[(colon + 1)..];
        if (method is not ("generateContent" or "streamGenerateContent" or "countTokens"))
        {
            return GoogleErrors.NotFound($"Method not found: {method}");
        }
        if (!GeminiApiKeyAuth.Authenticate(context, state, out var authError))
        {
            return authError!;
        }
        if (GeminiApiModels.Find(modelName) is null)
        {
            return GoogleErrors.NotFound($"models/{modelName} is not found for API version v1beta, or is not supported for {method}. Call ListModels to see the list of available models and their supported methods.");
        }
        var body = await JsonBody.ReadObjectAsync(context.Request);
        if (body.Object is null)
        {
            return GoogleErrors.InvalidJson(body.Error ?? "Unexpected token.");
        }

        var kind = method == "countTokens" ? CallKind.Other : CallKind.Generation;
        var outcome = state.Evaluate(EmulatorContext.GetCaller(context)!, modelName, kind);
        await ScriptedDelivery.DelayFirstByteAsync(context, outcome);
        if (outcome.Failure is { } rule)
        {
            return ScriptedErrors.Build(rule, UpstreamFamily.GeminiApi, modelName, state.Now);
        }
        if (method == "countTokens")
        {
            return CountTokens(body.Object, outcome);
        }

        var prompt = reader.Read(body.Object, modelName, null, out var requestError);
        if (requestError is not null)
        {
            return requestError;
        }
        var plan = planner.Plan(prompt);
        static JsonObject Bare(JsonObject response) => response;
        return method == "streamGenerateContent"
            ? GoogleReplyWriter.Stream(plan, outcome, Bare, sse: context.Request.Query["alt"] == "sse")
            : GoogleReplyWriter.Whole(plan, outcome, Bare);
    }

    /// <summary><c>{"contents"}</c> or <c>{"generateContentRequest"}</c> → <c>{"totalTokens", "promptTokensDetails"}</c>.</summary>
    private static IResult CountTokens(JsonObject body, ScriptedOutcome outcome)
    {
        var source = GeminiRequestReader.Field(body, "generateContentRequest") as JsonObject ?? body;
        foreach (var (name, _) in body)
        {
            if (name is not ("contents" or "generateContentRequest" or "generate_content_request"))
            {
                return GoogleErrors.UnknownField(name, null);
            }
        }
        if (source["contents"] is not JsonArray { Count: > 0 })
        {
            return GoogleErrors.InvalidArgument("* CountTokensRequest.contents: contents is not specified\n");
        }
        var tokens = TokenCounter.CountSections(source["contents"], GeminiRequestReader.Field(source, "systemInstruction"), source["tools"]);
        var reply = new JsonObject
        {
            ["totalTokens"] = tokens,
            ["promptTokensDetails"] = new JsonArray(new JsonObject { ["modality"] = "TEXT", ["tokenCount"] = tokens }),
        };
        return ScriptedDelivery.Json(reply.ToJsonString(EmulatorJson.Compact), outcome);
    }
}
