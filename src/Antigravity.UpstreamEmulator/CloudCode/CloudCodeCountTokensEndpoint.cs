using System.Text.Json.Nodes;
using Antigravity.UpstreamEmulator.Faults;
using Antigravity.UpstreamEmulator.Generation;
using Antigravity.UpstreamEmulator.State;
using Antigravity.UpstreamEmulator.Streaming;

namespace Antigravity.UpstreamEmulator.CloudCode;

/// <summary>
/// <c>POST /v1internal:countTokens</c> with <c>{"request": {"model": "models/…", "contents": […]}}</c>; answers
/// <c>{"totalTokens": N}</c> (not wrapped in <c>response</c>).
/// </summary>
internal static class CloudCodeCountTokensEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext context, EmulatorState state)
    {
        var account = GoogleBearerAuth.Authenticate(context, state, GoogleBearerAuth.CloudCodeService, CloudCodeApi.MethodPrefix + "CountTokens", out var authError);
        if (account is null)
        {
            return authError!;
        }
        var body = await JsonBody.ReadObjectAsync(context.Request);
        if (body.Object is null)
        {
            return GoogleErrors.InvalidJson(body.Error ?? "Unexpected token.");
        }
        foreach (var (name, _) in body.Object)
        {
            if (name is not ("request" or "model" or "project"))
            {
                return GoogleErrors.UnknownField(name, null);
            }
        }
        if (body.Object["request"] is not JsonObject request)
        {
            return GoogleErrors.InvalidArgument("Request contains an invalid argument: field 'request' is required.");
        }
        var modelName = JsonBody.String(request["model"]) ?? JsonBody.String(body.Object["model"]);
        if (string.IsNullOrEmpty(modelName))
        {
            return GoogleErrors.InvalidArgument("Request contains an invalid argument: field 'request.model' is required.");
        }
        var bare = modelName.StartsWith("models/", StringComparison.Ordinal) ? modelName["models/".Length..] : modelName;
        if (CloudCodeModels.Find(bare) is null)
        {
            return GoogleErrors.NotFound("Requested entity was not found.");
        }
        if (request["contents"] is not JsonArray { Count: > 0 })
        {
            return GoogleErrors.InvalidArgument("* CountTokensRequest.contents: contents is not specified\n");
        }
        var outcome = state.Evaluate(EmulatorContext.GetCaller(context)!, bare, CallKind.Other);
        await ScriptedDelivery.DelayFirstByteAsync(context, outcome);
        if (outcome.Failure is { } rule)
        {
            return ScriptedErrors.Build(rule, UpstreamFamily.CloudCode, bare, state.Now);
        }
        var tokens = TokenCounter.CountSections(request["contents"], request["systemInstruction"], request["tools"]);
        return ScriptedDelivery.Json(new JsonObject { ["totalTokens"] = tokens }.ToJsonString(EmulatorJson.Compact), outcome);
    }
}
