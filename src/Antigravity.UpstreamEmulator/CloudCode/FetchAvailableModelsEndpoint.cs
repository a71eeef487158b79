using System.Globalization;
using System.Text.Json.Nodes;
using Antigravity.UpstreamEmulator.State;
using Antigravity.UpstreamEmulator.Streaming;

namespace Antigravity.UpstreamEmulator.CloudCode;

/// <summary><c>POST /v1internal:fetchAvailableModels</c>: models with per-account quota.</summary>
internal static class FetchAvailableModelsEndpoint
{
    private static readonly HashSet<string> s_fields = new(StringComparer.Ordinal) { "project" };

    public static async Task<IResult> HandleAsync(HttpContext context, EmulatorState state)
    {
        var (call, error) = await CloudCodeCall.ReadAsync(context, state, "FetchAvailableModels", s_fields);
        if (call is null)
        {
            return error!;
        }
        if (JsonBody.String(call.Body["project"]) is { } project && CloudCodeEnvelope.ProjectDenied(project, call.Account) is { } denied)
        {
            return denied;
        }
        var (outcome, failure) = await call.ApplyBehavioursAsync(context, state, model: null);
        if (failure is not null)
        {
            return failure;
        }
        return ScriptedDelivery.Json(Reply(call.Account, state).ToJsonString(EmulatorJson.Compact), outcome);
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
