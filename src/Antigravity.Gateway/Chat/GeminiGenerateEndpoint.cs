using Antigravity.Contracts.Leasing;
using Antigravity.Gateway.Errors;
using Antigravity.Gateway.Upstream;
using Antigravity.Protocols;
using Antigravity.Protocols.Gemini;
using Antigravity.Protocols.Models;
using TokenUsage = Antigravity.Protocols.Usage.TokenUsage;
using Microsoft.Extensions.Options;

namespace Antigravity.Gateway.Chat;

/// <summary>
/// <c>POST /v1beta/models/{model}:generateContent</c> and <c>:streamGenerateContent</c>: Gemini clients over the
/// pool, the upstream answer passed through with the Cloud Code envelope removed.
/// </summary>
internal static class GeminiGenerateEndpoint
{
    /// <summary>Maps the routes.</summary>
    public static IEndpointRouteBuilder MapGeminiGenerate(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1beta/models/{model}:generateContent", (HttpContext context, string model, ChatRunner runner, IOptions<UpstreamOptions> options) =>
            HandleAsync(context, model, stream: false, runner, options));
        app.MapPost("/v1beta/models/{model}:streamGenerateContent", (HttpContext context, string model, ChatRunner runner, IOptions<UpstreamOptions> options) =>
            HandleAsync(context, model, stream: true, runner, options));
        return app;
    }

    private static async Task HandleAsync(HttpContext context, string model, bool stream, ChatRunner runner, IOptions<UpstreamOptions> options)
    {
        var (body, readError) = await RequestBodyReader.ReadAsync(context, options.Value.MaxRequestBodyBytes).ConfigureAwait(false);
        if (readError is not null)
        {
            await ProtocolErrorWriter.WriteAsync(context, readError, ProtocolKind.Gemini).ConfigureAwait(false);
            return;
        }

        var parsed = GeminiRequestParser.Parse(body);
        if (!parsed.IsSuccess)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.Body.WriteAsync(GeminiErrorBody.FromProtocolError(parsed.Error!), context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var requested = model.StartsWith("models/", StringComparison.Ordinal) ? model["models/".Length..] : model;
        var mapping = ModelMapper.Map(requested);
        var request = parsed.Value!;
        var sessionKey = SessionKeys.Create(null, FirstUserText(request));
        var call = new UpstreamCall(
            System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(request, GeminiJsonContext.Default.GeminiGenerateContentRequest),
            mapping.Upstream,
            sessionKey,
            "gemini");
        var sse = string.Equals(context.Request.Query["alt"], "sse", StringComparison.OrdinalIgnoreCase);
        await runner.RunAsync(
            context,
            ProtocolKind.Gemini,
            call,
            stream,
            () => sse ? new GeminiSseClientStream() : new GeminiArrayClientStream(),
            upstream => new ClientAnswer(
                System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(upstream, GeminiJsonContext.Default.GeminiGenerateContentResponse),
                TokenUsage.FromGemini(upstream.UsageMetadata),
                [])).ConfigureAwait(false);
    }

    private static string? FirstUserText(GeminiGenerateContentRequest request)
    {
        foreach (var content in request.Contents ?? [])
        {
            if (content is { Role: "user" or null })
            {
                var text = string.Concat((content.Parts ?? []).Select(part => part.Text));
                if (text.Length > 0)
                {
                    return text;
                }
            }
        }
        return null;
    }
}
