using Antigravity.Contracts.Leasing;
using Antigravity.Protocols;
using Antigravity.Protocols.OpenAi;
using Antigravity.Protocols.Translation;

namespace Antigravity.Gateway.Chat;

/// <summary><c>POST /v1/chat/completions</c>: OpenAI Chat Completions over the pool.</summary>
internal static class ChatCompletionsEndpoint
{
    /// <summary>Maps the route.</summary>
    public static IEndpointRouteBuilder MapChatCompletions(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/chat/completions", HandleAsync);
        return app;
    }

    private static async Task HandleAsync(HttpContext context, ChatRequestPipeline pipeline)
    {
        if (await pipeline.ReadAsync(context, ProtocolKind.OpenAi, OpenAiRequestParser.Parse,
            r => new RequestShape(r.Model, r.Messages?.Count ?? 0, r.Tools?.Count ?? 0)).ConfigureAwait(false) is not { } request)
        {
            return;
        }

        var mapping = ChatRequestPipeline.Map(context, request.Model!);
        var sessionKey = SessionKeys.Create(null, FirstUserText(request));
        var translated = await OpenAiToGemini.TranslateAsync(request, new RequestTranslationOptions
        {
            UpstreamModel = mapping.Upstream,
            SessionKey = sessionKey,
            SignatureCache = pipeline.SignatureCache,
        }, context.RequestAborted).ConfigureAwait(false);

        var responseOptions = new ResponseTranslationOptions
        {
            Id = "chatcmpl-" + Guid.NewGuid().ToString("N"),
            Model = request.Model!,
            CreatedUnixSeconds = pipeline.NowUnixSeconds,
            IncludeUsage = request.StreamOptions?.IncludeUsage == true,
        };
        await pipeline.RunAsync(
            context,
            ProtocolKind.OpenAi,
            translated,
            mapping,
            sessionKey,
            request.Stream == true,
            () => new OpenAiClientStream(responseOptions),
            upstream =>
            {
                var answer = GeminiToOpenAi.Translate(upstream, responseOptions);
                return new ClientAnswer(
                    System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(answer.Body, OpenAiJsonContext.Default.OpenAiChatCompletion),
                    answer.Usage,
                    answer.Signatures);
            }).ConfigureAwait(false);
    }

    private static string? FirstUserText(OpenAiChatRequest request)
    {
        foreach (var message in request.Messages ?? [])
        {
            if (message?.Role == "user")
            {
                var text = string.Concat((message.Content ?? []).Where(part => part.Type == "text").Select(part => part.Text));
                if (text.Length > 0)
                {
                    return text;
                }
            }
        }
        return null;
    }
}
