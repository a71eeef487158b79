using System.Text.Json.Nodes;
using Antigravity.UpstreamEmulator.Faults;
using Antigravity.UpstreamEmulator.Generation;
using Antigravity.UpstreamEmulator.State;
using Antigravity.UpstreamEmulator.Streaming;

namespace Antigravity.UpstreamEmulator.OpenAi;

/// <summary>An OpenAI-compatible provider under <c>/openai/v1</c>: chat completions and the model list.</summary>
internal static class OpenAiApi
{
    private const string MissingKeyMessage =
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username. You can obtain an API key from https://platform.openai.com/account/api-keys.";

    public static RouteGroupBuilder MapOpenAiApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/openai/v1").WithTags("OpenAI-compatible");
        group.MapPost("/chat/completions", ChatCompletionsAsync);
        group.MapGet("/models", ListModels);
        return group;
    }

    private static bool Authenticate(HttpContext context, EmulatorState state, out ErrorReply? error)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        var key = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : "";
        if (key.Length == 0)
        {
            error = OpenAiErrors.Create(401, MissingKeyMessage, "invalid_request_error", null, null);
            return false;
        }
        if (state.FindKey(key, ApiKeyKind.OpenAi) is not { } registered)
        {
            error = OpenAiErrors.Create(401,
                $"Incorrect API key provided: {MaskLikeOpenAi(key)}. You can find your API key at https://platform.openai.com/account/api-keys.",
                "invalid_request_error", null, "invalid_api_key");
            return false;
        }
        EmulatorContext.SetCaller(context, CallerIdentity.ForKey(registered));
        error = null;
        return true;
    }

    private static string MaskLikeOpenAi(string key) =>
        key.Length <= 8 ? "****" : key[..3] + new string('*', key.Length - 7) + key[^4..];

    private static IResult ListModels(HttpContext context, EmulatorState state)
    {
        if (!Authenticate(context, state, out var error))
        {
            return error!;
        }
        var data = new JsonArray();
        foreach (var model in OpenAiRequestReader.ListedModels)
        {
            data.Add(new JsonObject { ["id"] = model, ["object"] = "model", ["created"] = 1_735_689_600, ["owned_by"] = "emulator" });
        }
        return Results.Text(new JsonObject { ["object"] = "list", ["data"] = data }.ToJsonString(EmulatorJson.Compact), "application/json");
    }

    private static async Task<IResult> ChatCompletionsAsync(HttpContext context, EmulatorState state, ReplyPlanner planner)
    {
        if (!Authenticate(context, state, out var authError))
        {
            return authError!;
        }
        var body = await JsonBody.ReadObjectAsync(context.Request);
        if (body.Object is null)
        {
            return OpenAiErrors.InvalidRequest(
                "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)");
        }
        if (OpenAiRequestReader.Validate(body.Object) is { } invalid)
        {
            return invalid;
        }
        var prompt = OpenAiRequestReader.Summarize(body.Object);
        var outcome = state.Evaluate(EmulatorContext.GetCaller(context)!, prompt.Model, CallKind.Generation);
        await ScriptedDelivery.DelayFirstByteAsync(context, outcome);
        if (outcome.Failure is { } rule)
        {
            return ScriptedErrors.Build(rule, UpstreamFamily.OpenAi, prompt.Model, state.Now);
        }
        var plan = planner.Plan(prompt);
        var id = OpenAiReplyBuilder.NewId();
        var created = state.Now.ToUnixTimeSeconds();
        if (!JsonBody.Bool(body.Object["stream"]))
        {
            return ScriptedDelivery.Json(OpenAiReplyBuilder.Whole(plan, id, created).ToJsonString(EmulatorJson.Compact), outcome, "application/json");
        }
        var includeUsage = JsonBody.Bool(body.Object["stream_options"]?["include_usage"]);
        return new StreamResult(OpenAiReplyBuilder.Chunks(plan, id, created, includeUsage), outcome);
    }

    private sealed class StreamResult(IEnumerable<JsonObject> chunks, ScriptedOutcome outcome) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var writer = new EventStreamWriter(httpContext, SseFraming.OpenAi, outcome);
            await writer.StartAsync("text/event-stream; charset=utf-8");
            foreach (var chunk in chunks)
            {
                await writer.WriteAsync(chunk.ToJsonString(EmulatorJson.Compact));
            }
            await writer.WriteTrailerAsync("data: [DONE]\n\n");
        }
    }
}
