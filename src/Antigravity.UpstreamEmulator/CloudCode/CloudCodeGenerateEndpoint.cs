using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Antigravity.UpstreamEmulator.Faults;
using Antigravity.UpstreamEmulator.Generation;
using Antigravity.UpstreamEmulator.State;

namespace Antigravity.UpstreamEmulator.CloudCode;

/// <summary><c>POST /v1internal:generateContent</c> and <c>:streamGenerateContent</c>.</summary>
internal static class CloudCodeGenerateEndpoint
{
    public static Task<IResult> GenerateAsync(HttpContext context, EmulatorState state, GeminiRequestReader reader, ReplyPlanner planner) =>
        HandleAsync(context, state, reader, planner, stream: false);

    public static Task<IResult> StreamAsync(HttpContext context, EmulatorState state, GeminiRequestReader reader, ReplyPlanner planner) =>
        HandleAsync(context, state, reader, planner, stream: true);

    private static async Task<IResult> HandleAsync(HttpContext context, EmulatorState state, GeminiRequestReader reader, ReplyPlanner planner, bool stream)
    {
        // The envelope names the fields it knows (CloudCodeEnvelope.Parse).
        var (call, error) = await CloudCodeCall.ReadAsync(context, state, stream ? "StreamGenerateContent" : "GenerateContent");
        if (call is null)
        {
            return error!;
        }
        var account = call.Account;
        var envelope = CloudCodeEnvelope.Parse(call.Body, account, out var envelopeError);
        if (envelope is null)
        {
            return envelopeError!;
        }

        var (outcome, failure) = await call.ApplyBehavioursAsync(context, state, envelope.Model.Id, CallKind.Generation);
        if (failure is not null)
        {
            return failure;
        }

        var prompt = reader.Read(envelope.Request, envelope.Model.Id, "request", out var requestError);
        if (requestError is not null)
        {
            return requestError;
        }
        var quota = state.GetQuota(account, envelope.Model.Id);
        if (quota.RemainingFraction <= 0)
        {
            return QuotaExhausted(envelope.Model.Id, quota, state.Now);
        }

        var plan = planner.Plan(prompt);
        var traceId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        JsonObject Wrap(JsonObject response) => new() { ["response"] = response, ["traceId"] = traceId };
        return stream
            ? GoogleReplyWriter.Stream(plan, outcome, Wrap, sse: context.Request.Query["alt"] == "sse")
            : GoogleReplyWriter.Whole(plan, outcome, Wrap);
    }

    /// <summary>The 429 a model with no quota left gets, counting down to the stored reset time.</summary>
    private static ErrorReply QuotaExhausted(string model, ModelQuota quota, DateTimeOffset now)
    {
        var delay = quota.ResetTime - now;
        var rule = new BehaviourRule
        {
            Id = "quota",
            Target = "*",
            Model = model,
            Action = BehaviourActions.QuotaExhausted,
            Scope = BehaviourScopes.Generation,
            QuotaResetDelay = DurationText.Go(delay),
        };
        return ScriptedErrors.Build(rule, UpstreamFamily.CloudCode, model, now);
    }
}
