using System.Text.Json.Nodes;
using Antigravity.UpstreamEmulator.Faults;
using Antigravity.UpstreamEmulator.State;
using Antigravity.UpstreamEmulator.Streaming;

namespace Antigravity.UpstreamEmulator.CloudCode;

/// <summary>
/// <c>POST /v1internal:onboardUser</c> with <c>{"tierId", "metadata"}</c>: gives an account without a companion
/// project one and answers the finished long-running operation, as Cloud Code does for new users.
/// </summary>
internal static class OnboardUserEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext context, EmulatorState state)
    {
        var account = GoogleBearerAuth.Authenticate(context, state, GoogleBearerAuth.CloudCodeService, CloudCodeApi.MethodPrefix + "OnboardUser", out var authError);
        if (account is null)
        {
            return authError!;
        }
        var body = await JsonBody.ReadObjectAsync(context.Request);
        if (body.Object is null)
        {
            return GoogleErrors.InvalidJson(body.Error ?? "Unexpected token.");
        }
        var tierId = JsonBody.String(body.Object["tierId"]);
        if (tierId is not ("free-tier" or "standard-tier" or "legacy-tier"))
        {
            return GoogleErrors.InvalidArgument($"Request contains an invalid argument: unknown tierId '{tierId}'.");
        }
        var outcome = state.Evaluate(EmulatorContext.GetCaller(context)!, null, CallKind.Other);
        await ScriptedDelivery.DelayFirstByteAsync(context, outcome);
        if (outcome.Failure is { } rule)
        {
            return ScriptedErrors.Build(rule, UpstreamFamily.CloudCode, null, state.Now);
        }
        var project = JsonBody.String(body.Object["cloudaicompanionProject"]) ?? account.ProjectId ?? $"emulator-onboarded-{account.Id[^6..]}";
        state.UpdateAccount(account.RefreshToken, a => a.ProjectId = project);
        var reply = new JsonObject
        {
            ["name"] = $"operations/onboard-{account.Id[^6..]}",
            ["done"] = true,
            ["response"] = new JsonObject
            {
                ["@type"] = "type.googleapis.com/google.internal.cloud.code.v1internal.OnboardUserResponse",
                ["cloudaicompanionProject"] = new JsonObject { ["id"] = project, ["name"] = project },
            },
        };
        return ScriptedDelivery.Json(reply.ToJsonString(EmulatorJson.Compact), outcome);
    }
}
