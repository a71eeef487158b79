using System.Text.Json.Nodes;
using Antigravity.UpstreamEmulator.Faults;
using Antigravity.UpstreamEmulator.Generation;
using Antigravity.UpstreamEmulator.State;
using Antigravity.UpstreamEmulator.Streaming;

namespace Antigravity.UpstreamEmulator.Anthropic;

/// <summary>An Anthropic-compatible provider (like z.ai) under <c>/anthropic</c>: Messages and count_tokens.</summary>
internal static class AnthropicApi
{
    public static RouteGroupBuilder MapAnthropicApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/anthropic/v1").WithTags("Anthropic-compatible");
        group.MapPost("/messages", MessagesAsync);
        group.MapPost("/messages/count_tokens", CountTokensAsync);
        return group;
    }

    private static bool Authenticate(HttpContext context, EmulatorState state, out ErrorReply? error)
    {
        var key = context.Request.Headers["x-api-key"].ToString();
        if (string.IsNullOrEmpty(key))
        {
            var authorization = context.Request.Headers.Authorization.ToString();
            key = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : "";
        }
        if (string.IsNullOrEmpty(key) || state.FindKey(key, ApiKeyKind.Anthropic) is not { } registered)
        {
            error = AnthropicErrors.Create(401, "authentication_error", "invalid x-api-key");
            return false;
        }
        EmulatorContext.SetCaller(context, CallerIdentity.ForKey(registered));
        error = null;
        return true;
    }

    private static async Task<(JsonObject? Body, ErrorReply? Error)> ReadAsync(HttpContext context, AnthropicRequestReader reader, bool requireMaxTokens)
    {
        var body = await JsonBody.ReadObjectAsync(context.Request);
        if (body.Object is null)
        {
            return (null, AnthropicErrors.InvalidRequest("There was an error parsing the body of your request. Please check that your JSON is valid."));
        }
        if (reader.Validate(body.Object, requireMaxTokens) is { } invalid)
        {
            return (null, invalid);
        }
        var model = JsonBody.String(body.Object["model"])!;
        return AnthropicRequestReader.IsKnownModel(model)
            ? (body.Object, null)
            : (null, AnthropicErrors.Create(404, "not_found_error", $"model: {model}"));
    }

    private static async Task<IResult> MessagesAsync(HttpContext context, EmulatorState state, AnthropicRequestReader reader, ReplyPlanner planner)
    {
        if (!Authenticate(context, state, out var authError))
        {
            return authError!;
        }
        var (body, error) = await ReadAsync(context, reader, requireMaxTokens: true);
        if (body is null)
        {
            return error!;
        }
        var prompt = AnthropicRequestReader.Summarize(body);
        var outcome = state.Evaluate(EmulatorContext.GetCaller(context)!, prompt.Model, CallKind.Generation);
        await ScriptedDelivery.DelayFirstByteAsync(context, outcome);
        if (outcome.Failure is { } rule)
        {
            return ScriptedErrors.Build(rule, UpstreamFamily.Anthropic, prompt.Model, state.Now);
        }
        var plan = planner.Plan(prompt);
        var id = AnthropicReplyBuilder.NewMessageId();
        context.Response.Headers["request-id"] = AnthropicErrors.NewRequestId();
        if (!JsonBody.Bool(body["stream"]))
        {
            return ScriptedDelivery.Json(AnthropicReplyBuilder.Whole(plan, id).ToJsonString(EmulatorJson.Compact), outcome, "application/json");
        }
        return new StreamResult(plan, id, outcome);
    }

    private static async Task<IResult> CountTokensAsync(HttpContext context, EmulatorState state, AnthropicRequestReader reader)
    {
        if (!Authenticate(context, state, out var authError))
        {
            return authError!;
        }
        var (body, error) = await ReadAsync(context, reader, requireMaxTokens: false);
        if (body is null)
        {
            return error!;
        }
        var outcome = state.Evaluate(EmulatorContext.GetCaller(context)!, JsonBody.String(body["model"]), CallKind.Other);
        await ScriptedDelivery.DelayFirstByteAsync(context, outcome);
        if (outcome.Failure is { } rule)
        {
            return ScriptedErrors.Build(rule, UpstreamFamily.Anthropic, JsonBody.String(body["model"]), state.Now);
        }
        var reply = new JsonObject { ["input_tokens"] = AnthropicRequestReader.CountPromptTokens(body) };
        return ScriptedDelivery.Json(reply.ToJsonString(EmulatorJson.Compact), outcome, "application/json");
    }

    private sealed class StreamResult(ReplyPlan plan, string id, ScriptedOutcome outcome) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var writer = new EventStreamWriter(httpContext, SseFraming.Anthropic, outcome);
            await writer.StartAsync("text/event-stream; charset=utf-8");
            foreach (var (name, data) in AnthropicReplyBuilder.Events(plan, id))
            {
                await writer.WriteAsync(data.ToJsonString(EmulatorJson.Compact), name);
            }
        }
    }
}
