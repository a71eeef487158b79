using System.Globalization;
using System.Text.Json.Nodes;
using Antigravity.UpstreamEmulator.Faults;
using Antigravity.UpstreamEmulator.State;
using Antigravity.UpstreamEmulator.Streaming;

namespace Antigravity.UpstreamEmulator.CloudCode;

/// <summary><c>POST /v1internal:fetchAvailableModels</c>: models with per-account quota.</summary>
internal static class FetchAvailableModelsEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext context, EmulatorState state)
    {
        var account = GoogleBearerAuth.Authenticate(context, state, GoogleBearerAuth.CloudCodeService, CloudCodeApi.MethodPrefix + "FetchAvailableModels", out var authError);
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
            if (name != "project")
            {
                return GoogleErrors.UnknownField(name, null);
            }
        }
        if (JsonBody.String(body.Object["project"]) is { } project && CloudCodeEnvelope.ProjectDenied(project, account) is { } denied)
        {
            return denied;
        }
        var outcome = state.Evaluate(EmulatorContext.GetCaller(context)!, null, CallKind.Other);
        await ScriptedDelivery.DelayFirstByteAsync(context, outcome);
        if (outcome.Failure is { } rule)
        {
            return ScriptedErrors.Build(rule, UpstreamFamily.CloudCode, null, state.Now);
        }
        return ScriptedDelivery.Json(Reply(account, state).ToJsonString(EmulatorJson.Compact), outcome);
    }

    private static JsonObject Reply(GoogleAccount account, EmulatorState state)
    {
        var models = new JsonObject();
        foreach (var model in CloudCodeModels.All)
        {
            if (model.MinimumTierPro && account.Tier == AccountTier.Free)
            {
                continue;
            }
            var quota = state.GetQuota(account, model.Id);
            var quotaInfo = new JsonObject();
            // Proto3 JSON leaves out zero values: an exhausted model has no remainingFraction at all.
            if (quota.RemainingFraction > 0)
            {
                quotaInfo["remainingFraction"] = quota.RemainingFraction;
            }
            quotaInfo["resetTime"] = quota.ResetTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            var entry = new JsonObject
            {
                ["displayName"] = model.DisplayName,
                ["supportsImages"] = model.SupportsImages,
                ["supportsThinking"] = model.SupportsThinking,
            };
            if (model.ThinkingBudget > 0)
            {
                entry["thinkingBudget"] = model.ThinkingBudget;
            }
            if (model.Recommended)
            {
                entry["recommended"] = true;
            }
            entry["maxTokens"] = model.MaxTokens;
            entry["maxOutputTokens"] = model.MaxOutputTokens;
            entry["tokenizerType"] = model.ModelProvider == "MODEL_PROVIDER_ANTHROPIC" ? "LLAMA_WITH_SPECIAL" : "GEMINI";
            entry["quotaInfo"] = quotaInfo;
            entry["model"] = model.ModelEnum;
            entry["apiProvider"] = model.ApiProvider;
            entry["modelProvider"] = model.ModelProvider;
            models[model.Id] = entry;
        }
        var deprecated = new JsonObject();
        foreach (var (old, replacement) in CloudCodeModels.Deprecated)
        {
            deprecated[old] = new JsonObject { ["newModelId"] = replacement };
        }
        return new JsonObject
        {
            ["models"] = models,
            ["defaultAgentModelId"] = "gemini-3-flash",
            ["deprecatedModelIds"] = deprecated,
        };
    }
}
