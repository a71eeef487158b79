using Antigravity.Contracts.Leasing;
using Antigravity.Protocols;
using Antigravity.Protocols.Gemini;
using TokenUsage = Antigravity.Protocols.Usage.TokenUsage;

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
        app.MapPost("/v1beta/models/{model}:generateContent", (HttpContext context, string model, ChatRequestPipeline pipeline) =>
            HandleAsync(context, model, stream: false, pipeline));
        app.MapPost("/v1beta/models/{model}:streamGenerateContent", (HttpContext context, string model, ChatRequestPipeline pipeline) =>
            HandleAsync(context, model, stream: true, pipeline));
        return app;
    }

    private static async Task HandleAsync(HttpContext context, string model, bool stream, ChatRequestPipeline pipeline)
    {
        if (await pipeline.ReadAsync(context, ProtocolKind.Gemini, GeminiRequestParser.Parse, r => RequestShapes.Gemini(model, r)).ConfigureAwait(false) is not { } request)
        {
            return;
        }

        var mapping = ChatRequestPipeline.Map(context, model);
        var sse = string.Equals(context.Request.Query["alt"], "sse", StringComparison.OrdinalIgnoreCase);
        await pipeline.RunAsync(
            context,
            ProtocolKind.Gemini,
            ParseResult<GeminiGenerateContentRequest>.Success(request),
            mapping,
            SessionKeys.Create(null, FirstUserText(request)),
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
