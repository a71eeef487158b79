using Antigravity.Gateway.Errors;
using Antigravity.Gateway.Upstream;
using Antigravity.Protocols;
using Antigravity.Protocols.Anthropic;
using Antigravity.Protocols.Gemini;
using Antigravity.Protocols.Translation;
using Antigravity.Gateway.Requests;

namespace Antigravity.Gateway.Chat;

/// <summary>
/// <c>POST /v1/messages/count_tokens</c> (Anthropic) and <c>POST /v1beta/models/{model}:countTokens</c> (Gemini):
/// token counting through the upstream's <c>countTokens</c>.
/// </summary>
internal static class CountTokensEndpoint
{
    /// <summary>Maps the route.</summary>
    public static IEndpointRouteBuilder MapCountTokens(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/messages/count_tokens", HandleAsync);
        app.MapPost("/v1beta/models/{model}:countTokens", HandleGeminiAsync);
        return app;
    }

    private static async Task HandleAsync(HttpContext context, UpstreamEngine engine, ChatRequestPipeline pipeline)
    {
        if (await pipeline.ReadAsync(context, ProtocolKind.Anthropic, AnthropicRequestParser.ParseCountTokens,
            r => new RequestShape(r.Model, r.Messages?.Count ?? 0, r.Tools?.Count ?? 0)).ConfigureAwait(false) is not { } request)
        {
            return;
        }
        var mapping = ChatRequestPipeline.Map(context, request.Model!);
        var translated = await AnthropicToGemini.TranslateAsync(request, new RequestTranslationOptions
        {
            UpstreamModel = mapping.Upstream,
            SignatureCache = pipeline.SignatureCache,
        }, context.RequestAborted).ConfigureAwait(false);
        if (!translated.IsSuccess)
        {
            await ChatRequestPipeline.WriteBadRequestAsync(context, ProtocolKind.Anthropic, translated.Error!).ConfigureAwait(false);
            return;
        }

        var (kinds, fallback) = ChatRequestPipeline.CountingKinds(context, ProtocolKind.Anthropic);
        var call = new UpstreamCall(
            System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(translated.Value!, GeminiJsonContext.Default.GeminiGenerateContentRequest),
            mapping.Upstream,
            null,
            "anthropic",
            CountTokens: true)
        {
            Scheduling = context.GatewayRequest().Scheduling,
            Kinds = kinds,
            FallbackKinds = fallback,
        };
        var counted = await CountAsync(context, engine, call, ProtocolKind.Anthropic).ConfigureAwait(false);
        if (counted is not null)
        {
            await WriteAsync(context, 200, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(
                CountTokensTranslator.ToAnthropic(counted), AnthropicJsonContext.Default.AnthropicCountTokensResponse)).ConfigureAwait(false);
        }
    }

    /// <summary>Calls the upstream countTokens; on failure writes the error and returns null.</summary>
    private static async Task<GeminiCountTokensResponse?> CountAsync(HttpContext context, UpstreamEngine engine, UpstreamCall call, ProtocolKind protocol)
    {
        var result = await engine.SendAsync(call, context.RequestAborted).ConfigureAwait(false);
        context.GatewayRequest().Record?.SetUpstream(result.LastLease, result.Attempts);
        if (result.Attempt is null)
        {
            await ProtocolErrorWriter.WriteAsync(context, result.Error!, protocol).ConfigureAwait(false);
            return null;
        }

        using var attempt = result.Attempt;
        GeminiCountTokensResponse? counted;
        try
        {
            var upstreamBody = await attempt.Response.Content.ReadAsByteArrayAsync(context.RequestAborted).ConfigureAwait(false);
            counted = attempt.Kind.ReadCountTokens(upstreamBody);
        }
        catch (Exception exception) when (exception is System.Text.Json.JsonException or HttpRequestException or IOException)
        {
            counted = null;
        }
        if (counted is null)
        {
            engine.ReportStreamFailure(attempt.Lease, "countTokens answer unreadable");
            await ProtocolErrorWriter.WriteAsync(context, new ApiError(502, ApiErrorKind.BadGateway,
                "The upstream's token count could not be read; try again.", "upstream_error"), protocol).ConfigureAwait(false);
            return null;
        }

        engine.ReportSuccess(attempt.Lease, default);
        context.Response.Headers[ChatRunner.MappedModelHeader] = call.Model;
        context.Response.Headers[ChatRunner.AccountIdHeader] = attempt.Lease.AccountId;
        return counted;
    }

    private static async Task HandleGeminiAsync(HttpContext context, string model, UpstreamEngine engine, ChatRequestPipeline pipeline)
    {
        if (await pipeline.ReadAsync(context, ProtocolKind.Gemini, GeminiRequestParser.ParseCountTokens, r => RequestShapes.Gemini(model, r)).ConfigureAwait(false) is not { } generate)
        {
            return;
        }

        var call = new UpstreamCall(
            System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(generate, GeminiJsonContext.Default.GeminiGenerateContentRequest),
            ChatRequestPipeline.Map(context, model).Upstream,
            null,
            "gemini",
            CountTokens: true)
        {
            Scheduling = context.GatewayRequest().Scheduling,
            Kinds = AccountDispatch.CountingKinds,
        };
        var answer = await CountAsync(context, engine, call, ProtocolKind.Gemini).ConfigureAwait(false);
        if (answer is not null)
        {
            await WriteAsync(context, 200, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(answer, GeminiJsonContext.Default.GeminiCountTokensResponse)).ConfigureAwait(false);
        }
    }

    private static async Task WriteAsync(HttpContext context, int status, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }
}
