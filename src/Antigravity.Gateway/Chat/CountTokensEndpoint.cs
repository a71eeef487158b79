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

/// <summary><c>POST /v1/messages/count_tokens</c>: Anthropic token counting through the upstream's <c>countTokens</c>.</summary>
internal static class CountTokensEndpoint
{
    /// <summary>Maps the route.</summary>
    public static IEndpointRouteBuilder MapCountTokens(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/messages/count_tokens", HandleAsync);
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
        var result = await engine.SendAsync(call, context.RequestAborted).ConfigureAwait(false);
        if (result.Attempt is null)
        {
            await ProtocolErrorWriter.WriteAsync(context, result.Error!, ProtocolKind.Anthropic).ConfigureAwait(false);
            return;
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
                "The upstream's token count could not be read; try again.", "upstream_error"), ProtocolKind.Anthropic).ConfigureAwait(false);
            return;
        }

        engine.ReportSuccess(attempt.Lease, default);
        context.Response.Headers[ChatRunner.MappedModelHeader] = mapping.Upstream;
        context.Response.Headers[ChatRunner.AccountIdHeader] = attempt.Lease.AccountId;
        await WriteAsync(context, 200, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(
            CountTokensTranslator.ToAnthropic(counted), AnthropicJsonContext.Default.AnthropicCountTokensResponse)).ConfigureAwait(false);
    }

    private static async Task WriteAsync(HttpContext context, int status, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }
}
