using System.Globalization;
using System.Text.Json.Nodes;
using Antigravity.UpstreamEmulator.State;

namespace Antigravity.UpstreamEmulator.Faults;

/// <summary>Turns a scripted failure rule into the error the real upstream would send.</summary>
internal static class ScriptedErrors
{
    private const string CloudCodeDomain = "cloudcode-pa.googleapis.com";
    public const string DefaultValidationUrl =
        "https://accounts.google.com/signin/continue?sarp=1&scc=1&continue=https://developers.google.com/gemini-code-assist/auth/auth_success_gemini&plt=emulator&flowName=GlifWebSignIn&authuser";
    private const string LearnMoreUrl = "https://support.google.com/accounts?p=al_alert";

    public static ErrorReply Build(BehaviourRule rule, UpstreamFamily family, string? model, DateTimeOffset now)
    {
        var reply = family switch
        {
            UpstreamFamily.Anthropic => Anthropic(rule),
            UpstreamFamily.OpenAi => OpenAi(rule, model),
            UpstreamFamily.GeminiApi => GeminiApi(rule, model),
            _ => CloudCode(rule, model, now),
        };
        if (rule.RetryAfterSeconds is int seconds)
        {
            reply.WithHeader("Retry-After", seconds.ToString(CultureInfo.InvariantCulture));
        }
        return reply;
    }

    private static TimeSpan QuotaDelay(BehaviourRule rule) =>
        DurationText.TryParse(rule.QuotaResetDelay, out var delay) ? delay : TimeSpan.FromHours(1);

    private static string RetryDelay(BehaviourRule rule, TimeSpan fallback) =>
        rule.RetryDelay ?? DurationText.Protobuf(fallback);

    private static ErrorReply CloudCode(BehaviourRule rule, string? model, DateTimeOffset now)
    {
        var modelName = model ?? "unknown";
        switch (rule.Action)
        {
            case BehaviourActions.QuotaExhausted:
            {
                var delay = QuotaDelay(rule);
                return GoogleErrors.Create(429, "RESOURCE_EXHAUSTED",
                    rule.Message ?? $"You have exhausted your capacity on this model. Your quota will reset after {DurationText.Go(delay)}.",
                [
                    GoogleErrors.ErrorInfo("QUOTA_EXHAUSTED", CloudCodeDomain, new JsonObject
                    {
                        ["uiMessage"] = "true",
                        ["model"] = modelName,
                        ["quotaResetDelay"] = rule.QuotaResetDelay ?? DurationText.Go(delay),
                        ["quotaResetTimeStamp"] = now.Add(delay).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                    }),
                    GoogleErrors.RetryInfo(RetryDelay(rule, delay)),
                ]);
            }
            case BehaviourActions.RateLimited:
                return GoogleErrors.Create(429, "RESOURCE_EXHAUSTED", rule.Message ?? "Resource has been exhausted (e.g. check quota).",
                [
                    GoogleErrors.ErrorInfo("RATE_LIMIT_EXCEEDED", CloudCodeDomain, new JsonObject { ["model"] = modelName }),
                    GoogleErrors.RetryInfo(RetryDelay(rule, TimeSpan.FromSeconds(5))),
                ]);
            case BehaviourActions.CapacityExhausted:
                return GoogleErrors.Create(429, "RESOURCE_EXHAUSTED", rule.Message ?? $"No capacity available for model {modelName} on the server",
                [
                    GoogleErrors.ErrorInfo("MODEL_CAPACITY_EXHAUSTED", CloudCodeDomain, new JsonObject { ["model"] = modelName }),
                ]);
            case BehaviourActions.ValidationRequired:
                return ValidationRequired(rule);
            default:
                return CommonGoogle(rule);
        }
    }

    private static ErrorReply GeminiApi(BehaviourRule rule, string? model)
    {
        var modelName = model ?? "gemini-2.5-flash";
        switch (rule.Action)
        {
            case BehaviourActions.QuotaExhausted:
            case BehaviourActions.RateLimited:
            {
                var daily = rule.Action == BehaviourActions.QuotaExhausted;
                var delay = daily ? QuotaDelay(rule) : TimeSpan.FromSeconds(5);
                var quotaId = daily ? "GenerateRequestsPerDayPerProjectPerModel-FreeTier" : "GenerateRequestsPerMinutePerProjectPerModel-FreeTier";
                const string metric = "generativelanguage.googleapis.com/generate_content_free_tier_requests";
                return GoogleErrors.Create(429, "RESOURCE_EXHAUSTED",
                    rule.Message ?? $"You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.\n* Quota exceeded for metric: {metric}, limit: {(daily ? 250 : 10)}, model: {modelName}\nPlease retry in {DurationText.Go(delay)}.",
                [
                    new JsonObject
                    {
                        ["@type"] = GoogleErrors.QuotaFailureType,
                        ["violations"] = new JsonArray(new JsonObject
                        {
                            ["quotaMetric"] = metric,
                            ["quotaId"] = quotaId,
                            ["quotaDimensions"] = new JsonObject { ["location"] = "global", ["model"] = modelName },
                            ["quotaValue"] = daily ? "250" : "10",
                        }),
                    },
                    new JsonObject
                    {
                        ["@type"] = GoogleErrors.HelpType,
                        ["links"] = new JsonArray(new JsonObject
                        {
                            ["description"] = "Learn more about Gemini API quotas",
                            ["url"] = "https://ai.google.dev/gemini-api/docs/rate-limits",
                        }),
                    },
                    GoogleErrors.RetryInfo(RetryDelay(rule, delay)),
                ]);
            }
            case BehaviourActions.CapacityExhausted:
                return GoogleErrors.Create(503, "UNAVAILABLE", rule.Message ?? "The model is overloaded. Please try again later.");
            case BehaviourActions.ValidationRequired:
                return ValidationRequired(rule);
            default:
                return CommonGoogle(rule);
        }
    }

    private static ErrorReply ValidationRequired(BehaviourRule rule)
    {
        var url = rule.ValidationUrl ?? DefaultValidationUrl;
        var message = rule.Message ?? "Verify your account to continue.";
        return GoogleErrors.Create(403, "PERMISSION_DENIED", message,
        [
            GoogleErrors.ErrorInfo("VALIDATION_REQUIRED", CloudCodeDomain, new JsonObject
            {
                ["validation_error_message"] = message,
                ["validation_url_link_text"] = "Verify your account",
                ["validation_url"] = url,
                ["validation_learn_more_link_text"] = "Learn more",
                ["validation_learn_more_url"] = LearnMoreUrl,
            }),
            new JsonObject
            {
                ["@type"] = GoogleErrors.HelpType,
                ["links"] = new JsonArray(
                    new JsonObject { ["description"] = "Verify your account", ["url"] = url },
                    new JsonObject { ["description"] = "Learn more", ["url"] = LearnMoreUrl }),
            },
        ]);
    }

    private static ErrorReply CommonGoogle(BehaviourRule rule) => rule.Action switch
    {
        BehaviourActions.Unauthorized => GoogleErrors.Create(401, "UNAUTHENTICATED", rule.Message ?? GoogleErrors.InvalidCredentialsMessage,
        [
            GoogleErrors.ErrorInfo("ACCESS_TOKEN_EXPIRED", "googleapis.com"),
        ]).WithHeader("WWW-Authenticate", "Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\""),
        BehaviourActions.Forbidden => GoogleErrors.Create(403, "PERMISSION_DENIED", rule.Message ?? "The caller does not have permission"),
        _ => (rule.Status ?? 500) switch
        {
            503 or 502 or 529 => GoogleErrors.Create(rule.Status ?? 503, "UNAVAILABLE", rule.Message ?? "The service is currently unavailable."),
            504 => GoogleErrors.Create(504, "DEADLINE_EXCEEDED", rule.Message ?? "Deadline expired before operation could complete."),
            _ => GoogleErrors.Create(rule.Status ?? 500, "INTERNAL", rule.Message ?? "Internal error encountered."),
        },
    };

    private static ErrorReply Anthropic(BehaviourRule rule) => rule.Action switch
    {
        BehaviourActions.QuotaExhausted => AnthropicErrors.Create(429, "rate_limit_error",
            rule.Message ?? "This request would exceed your account's rate limit. Please try again later."),
        BehaviourActions.RateLimited => AnthropicErrors.Create(429, "rate_limit_error",
            rule.Message ?? "Number of request tokens has exceeded your per-minute rate limit. Please try again later."),
        BehaviourActions.CapacityExhausted => AnthropicErrors.Create(529, "overloaded_error", rule.Message ?? "Overloaded"),
        BehaviourActions.Unauthorized => AnthropicErrors.Create(401, "authentication_error", rule.Message ?? "invalid x-api-key"),
        BehaviourActions.Forbidden or BehaviourActions.ValidationRequired => AnthropicErrors.Create(403, "permission_error",
            rule.Message ?? "Your API key does not have permission to use the specified resource."),
        _ => (rule.Status ?? 500) switch
        {
            529 or 503 => AnthropicErrors.Create(rule.Status ?? 529, "overloaded_error", rule.Message ?? "Overloaded"),
            var status => AnthropicErrors.Create(status, "api_error", rule.Message ?? "Internal server error"),
        },
    };

    private static ErrorReply OpenAi(BehaviourRule rule, string? model) => rule.Action switch
    {
        BehaviourActions.QuotaExhausted => OpenAiErrors.Create(429,
            rule.Message ?? "You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.",
            "insufficient_quota", null, "insufficient_quota"),
        BehaviourActions.RateLimited => OpenAiErrors.Create(429,
            rule.Message ?? $"Rate limit reached for {model ?? "model"} on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s.",
            "requests", null, "rate_limit_exceeded"),
        BehaviourActions.CapacityExhausted => OpenAiErrors.Create(503,
            rule.Message ?? "The engine is currently overloaded, please try again later", "server_error", null, null),
        BehaviourActions.Unauthorized => OpenAiErrors.Create(401,
            rule.Message ?? "Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.",
            "invalid_request_error", null, "invalid_api_key"),
        BehaviourActions.Forbidden or BehaviourActions.ValidationRequired => OpenAiErrors.Create(403,
            rule.Message ?? "You are not allowed to sample from this model", "invalid_request_error", null, "model_not_allowed"),
        _ => OpenAiErrors.Create(rule.Status ?? 500,
            rule.Message ?? "The server had an error while processing your request. Sorry about that!", "server_error", null, null),
    };
}
