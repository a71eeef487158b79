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
    private static readonly HashSet<string> s_fields = new(StringComparer.Ordinal) { "request", "model", "project" };

    public static async Task<IResult> HandleAsync(HttpContext context, EmulatorState state)
    {
        var (call, error) = await CloudCodeCall.ReadAsync(context, state, "CountTokens", s_fields);
        if (call is null)
        {
            return error!;
        }
        var body = call.Body;
        if (body["request"] is not JsonObject request)
        {
            return GoogleErrors.InvalidArgument("Request contains an invalid argument: field 'request' is required.");
        }
        var modelName = JsonBody.String(request["model"]) ?? JsonBody.String(body["model"]);
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
        var (outcome, failure) = await call.ApplyBehavioursAsync(context, state, bare);
        if (failure is not null)
        {
            return failure;
        }
        var tokens = TokenCounter.CountSections(request["contents"], request["systemInstruction"], request["tools"]);
        return ScriptedDelivery.Json(new JsonObject { ["totalTokens"] = tokens }.ToJsonString(EmulatorJson.Compact), outcome);
    }
}
