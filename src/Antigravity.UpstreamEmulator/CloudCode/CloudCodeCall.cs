using System.Text.Json.Nodes;
using Antigravity.UpstreamEmulator.Faults;
using Antigravity.UpstreamEmulator.State;
using Antigravity.UpstreamEmulator.Streaming;

namespace Antigravity.UpstreamEmulator.CloudCode;

/// <summary>
/// What every <c>v1internal</c> call does before its own work: authenticate the bearer token for the
/// method, read a JSON object body (refusing top-level fields the method does not know, as the real API
/// does), and apply the scripted behaviours that match (first-byte delay, scripted failure).
/// </summary>
/// <param name="Account">The Google account the bearer token belongs to.</param>
/// <param name="Body">The request body.</param>
internal sealed record CloudCodeCall(GoogleAccount Account, JsonObject Body)
{
    /// <summary>
    /// Authenticates and reads the body of a call to <paramref name="method"/> (e.g. <c>CountTokens</c>); the
    /// error is the reply to send when the call cannot go on. <paramref name="knownFields"/> null accepts any
    /// top-level field (the method checks them itself, or the real API ignores them).
    /// </summary>
    public static async Task<(CloudCodeCall? Call, IResult? Error)> ReadAsync(
        HttpContext context, EmulatorState state, string method, IReadOnlySet<string>? knownFields = null)
    {
        var account = GoogleBearerAuth.Authenticate(context, state, GoogleBearerAuth.CloudCodeService, CloudCodeApi.MethodPrefix + method, out var authError);
        if (account is null)
        {
            return (null, authError!);
        }
        var body = await JsonBody.ReadObjectAsync(context.Request);
        if (body.Object is null)
        {
            return (null, GoogleErrors.InvalidJson(body.Error ?? "Unexpected token."));
        }
        if (knownFields is not null)
        {
            foreach (var (name, _) in body.Object)
            {
                if (!knownFields.Contains(name))
                {
                    return (null, GoogleErrors.UnknownField(name, null));
                }
            }
        }
        return (new CloudCodeCall(account, body.Object), null);
    }

    /// <summary>
    /// Applies the scripted behaviours matching this caller and <paramref name="model"/>: waits out a
    /// first-byte delay, and gives the scripted failure (in Cloud Code's dialect) when one matches.
    /// </summary>
    public async Task<(ScriptedOutcome Outcome, IResult? Failure)> ApplyBehavioursAsync(
        HttpContext context, EmulatorState state, string? model, CallKind kind = CallKind.Other)
    {
        var outcome = state.Evaluate(EmulatorContext.GetCaller(context)!, model, kind);
        await ScriptedDelivery.DelayFirstByteAsync(context, outcome);
        return outcome.Failure is { } rule
            ? (outcome, ScriptedErrors.Build(rule, UpstreamFamily.CloudCode, model, state.Now))
            : (outcome, null);
    }
}
