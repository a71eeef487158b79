using Antigravity.UpstreamEmulator.State;

namespace Antigravity.UpstreamEmulator.Control;

/// <summary>Maps state objects to the control API's JSON views.</summary>
internal static class ControlViews
{
    public static readonly IReadOnlyDictionary<string, string> Paths = new Dictionary<string, string>
    {
        ["oauthAuthorize"] = "GET /o/oauth2/v2/auth",
        ["oauthToken"] = "POST /token",
        ["oauthUserInfo"] = "GET /oauth2/v2/userinfo",
        ["cloudCode"] = "POST /v1internal:loadCodeAssist | :onboardUser | :fetchAvailableModels | :generateContent | :streamGenerateContent?alt=sse | :countTokens",
        ["geminiApi"] = "GET /v1beta/models, GET /v1beta/models/{model}, POST /v1beta/models/{model}:generateContent | :streamGenerateContent?alt=sse | :countTokens",
        ["anthropic"] = "POST /anthropic/v1/messages, POST /anthropic/v1/messages/count_tokens",
        ["openai"] = "POST /openai/v1/chat/completions, GET /openai/v1/models",
        ["control"] = "/_emulator/state, /_emulator/reset, /_emulator/accounts, /_emulator/quota, /_emulator/keys, /_emulator/behaviours, /_emulator/requests",
    };

    public static AccountView Account(GoogleAccount account, EmulatorState state, EmulatorOptions options) => new(
        account.Email,
        account.Name,
        account.RefreshToken,
        account.ProjectId,
        account.Tier.Name(),
        account.Revoked,
        account.AccessTokenTtlSeconds ?? options.AccessTokenLifetimeSeconds,
        state.QuotasOf(account).ToDictionary(pair => pair.Key, pair => new QuotaView(pair.Value.RemainingFraction, pair.Value.ResetTime)));

    public static BehaviourView Behaviour(BehaviourRule rule) => new(
        rule.Id, rule.Target, rule.Model, rule.Action, rule.Scope, rule.Times, rule.Hits, rule.Status, rule.RetryAfterSeconds,
        rule.QuotaResetDelay, rule.RetryDelay, rule.DelayMs, rule.AfterEvents, rule.Message, rule.ValidationUrl);
}
