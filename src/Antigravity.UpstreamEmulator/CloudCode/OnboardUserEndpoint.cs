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
        var (call, error) = await CloudCodeCall.ReadAsync(context, state, "OnboardUser");
        if (call is null)
        {
            return error!;
        }
        var (account, body) = call;
        var tierId = JsonBody.String(body["tierId"]);
        if (tierId is not ("free-tier" or "standard-tier" or "legacy-tier"))
        {
            return GoogleErrors.InvalidArgument($"Request contains an invalid argument: unknown tierId '{tierId}'.");
        }
        var (outcome, failure) = await call.ApplyBehavioursAsync(context, state, model: null);
        if (failure is not null)
        {
            return failure;
        }
        var project = JsonBody.String(body["cloudaicompanionProject"]) ?? account.ProjectId ?? $"emulator-onboarded-{account.Id[^6..]}";
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
