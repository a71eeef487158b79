using System.Text.Json.Nodes;
using Antigravity.UpstreamEmulator.State;
using Antigravity.UpstreamEmulator.Streaming;

namespace Antigravity.UpstreamEmulator.CloudCode;

/// <summary><c>POST /v1internal:loadCodeAssist</c>: the account's companion project and tiers.</summary>
internal static class LoadCodeAssistEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext context, EmulatorState state)
    {
        var (call, error) = await CloudCodeCall.ReadAsync(context, state, "LoadCodeAssist");
        if (call is null)
        {
            return error!;
        }
        var (outcome, failure) = await call.ApplyBehavioursAsync(context, state, model: null);
        if (failure is not null)
        {
            return failure;
        }
        return ScriptedDelivery.Json(Reply(call.Account).ToJsonString(EmulatorJson.Compact), outcome);
    }

    public static JsonObject Reply(GoogleAccount account)
    {
        var reply = new JsonObject
        {
            ["currentTier"] = account.Tier == AccountTier.Free ? Tiers.Free(isDefault: true) : Tiers.Standard(isDefault: false),
            ["allowedTiers"] = new JsonArray(Tiers.Free(isDefault: true), Tiers.Standard(isDefault: false)),
        };
        if (account.ProjectId is not null)
        {
            reply["cloudaicompanionProject"] = account.ProjectId;
        }
        reply["gcpManaged"] = false;
        reply["manageSubscriptionUri"] = "https://accounts.google.com/AccountChooser?Email=" + Uri.EscapeDataString(account.Email) + "&continue=https://one.google.com/ai/activity";
        if (account.Tier != AccountTier.Free)
        {
            reply["paidTier"] = account.Tier == AccountTier.Ultra ? Tiers.Ultra() : Tiers.Pro();
        }
        return reply;
    }

    private static class Tiers
    {
        private static readonly JsonObject s_privacyNotice = new() { ["showNotice"] = false };

        public static JsonObject Free(bool isDefault) => new()
        {
            ["id"] = "free-tier",
            ["name"] = "Gemini Code Assist for individuals",
            ["description"] = "Gemini-powered code suggestions and chat in multiple IDEs",
            ["userDefinedCloudaicompanionProject"] = false,
            ["isDefault"] = isDefault,
            ["privacyNotice"] = s_privacyNotice.DeepClone(),
        };

        public static JsonObject Standard(bool isDefault) => new()
        {
            ["id"] = "standard-tier",
            ["name"] = "Gemini Code Assist",
            ["description"] = "Unlimited coding assistant with the most powerful Gemini models",
            ["userDefinedCloudaicompanionProject"] = true,
            ["isDefault"] = isDefault,
            ["privacyNotice"] = s_privacyNotice.DeepClone(),
        };

        public static JsonObject Pro() => new()
        {
            ["id"] = "g1-pro-tier",
            ["name"] = "Google AI Pro",
            ["description"] = "Google AI Pro",
            ["upgradeSubscriptionUri"] = "https://one.google.com/ai",
        };

        public static JsonObject Ultra() => new()
        {
            ["id"] = "g1-ultra-tier",
            ["name"] = "Google AI Ultra",
            ["description"] = "Google AI Ultra",
        };
    }
}
