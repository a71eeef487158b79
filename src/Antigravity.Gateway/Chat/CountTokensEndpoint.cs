using Antigravity.Gateway.Errors;
using Antigravity.Gateway.Upstream;
using Antigravity.Protocols;
using Antigravity.Protocols.Anthropic;
using Antigravity.Protocols.Gemini;
using Antigravity.Protocols.Models;
using Antigravity.Protocols.Thinking;
using Antigravity.Protocols.Translation;
using Microsoft.Extensions.Options;

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

    private static async Task HandleAsync(HttpContext context, UpstreamEngine engine, ISignatureCache signatureCache, IOptions<UpstreamOptions> options)
    {
        var (body, readError) = await RequestBodyReader.ReadAsync(context, options.Value.MaxRequestBodyBytes).ConfigureAwait(false);
        if (readError is not null)
        {
            await ProtocolErrorWriter.WriteAsync(context, readError, ProtocolKind.Anthropic).ConfigureAwait(false);
            return;
        }
        var parsed = AnthropicRequestParser.ParseCountTokens(body);
        if (!parsed.IsSuccess)
        {
            await WriteAsync(context, 400, AnthropicErrorBody.FromProtocolError(parsed.Error!)).ConfigureAwait(false);
            return;
        }
        var request = parsed.Value!;
        var mapping = ModelMapper.Map(request.Model!);
        var translated = await AnthropicToGemini.TranslateAsync(request, new RequestTranslationOptions
        {
            UpstreamModel = mapping.Upstream,
            SignatureCache = signatureCache,
        }, context.RequestAborted).ConfigureAwait(false);
        if (!translated.IsSuccess)
        {
            await WriteAsync(context, 400, AnthropicErrorBody.FromProtocolError(translated.Error!)).ConfigureAwait(false);
            return;
        }

        var call = new UpstreamCall(
            System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(translated.Value!, GeminiJsonContext.Default.GeminiGenerateContentRequest),
            mapping.Upstream,
            null,
            "anthropic",
            CountTokens: true);
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
            counted = System.Text.Json.JsonSerializer.Deserialize(CloudCodeEnvelope.UnwrapResponse(upstreamBody).Span, GeminiJsonContext.Default.GeminiCountTokensResponse);
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

    private static async Task HandleGeminiAsync(HttpContext context, string model, UpstreamEngine engine, IOptions<UpstreamOptions> options)
    {
        var (body, readError) = await RequestBodyReader.ReadAsync(context, options.Value.MaxRequestBodyBytes).ConfigureAwait(false);
        if (readError is not null)
        {
            await ProtocolErrorWriter.WriteAsync(context, readError, ProtocolKind.Gemini).ConfigureAwait(false);
            return;
        }
        GeminiCountTokensRequest? counted;
        try
        {
            counted = System.Text.Json.JsonSerializer.Deserialize(body, GeminiJsonContext.Default.GeminiCountTokensRequest);
        }
        catch (System.Text.Json.JsonException exception)
        {
            var field = string.IsNullOrEmpty(exception.Path) || exception.Path == "$" ? "" : exception.Path.TrimStart('$', '.');
            await WriteAsync(context, 400, GeminiErrorBody.FromProtocolError(new ProtocolError(field, "Invalid JSON payload received."))).ConfigureAwait(false);
            return;
        }
        if (counted is null)
        {
            await WriteAsync(context, 400, GeminiErrorBody.FromProtocolError(new ProtocolError("", "The body must be a JSON object."))).ConfigureAwait(false);
            return;
        }
        var generate = new GeminiGenerateContentRequest
        {
            Contents = counted.GenerateContentRequest?.Contents ?? counted.Contents,
            SystemInstruction = counted.GenerateContentRequest?.SystemInstruction,
            Tools = counted.GenerateContentRequest?.Tools,
        };
        if (GeminiRequestParser.Validate(generate) is { } invalid)
        {
            await WriteAsync(context, 400, GeminiErrorBody.FromProtocolError(invalid)).ConfigureAwait(false);
            return;
        }

        var requested = model.StartsWith("models/", StringComparison.Ordinal) ? model["models/".Length..] : model;
        var mapping = ModelMapper.Map(requested);
        var call = new UpstreamCall(
            System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(generate, GeminiJsonContext.Default.GeminiGenerateContentRequest),
            mapping.Upstream,
            null,
            "gemini",
            CountTokens: true);
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
