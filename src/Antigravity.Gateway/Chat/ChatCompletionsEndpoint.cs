using Antigravity.Contracts.Leasing;
using Antigravity.Gateway.Errors;
using Antigravity.Gateway.Upstream;
using Antigravity.Protocols;
using Antigravity.Protocols.Gemini;
using Antigravity.Protocols.Models;
using Antigravity.Protocols.OpenAi;
using Antigravity.Protocols.Thinking;
using Antigravity.Protocols.Translation;
using Microsoft.Extensions.Options;

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

    private static async Task HandleAsync(
        HttpContext context,
        ChatRunner runner,
        ISignatureCache signatureCache,
        IOptions<UpstreamOptions> options,
        TimeProvider time)
    {
        var (body, readError) = await RequestBodyReader.ReadAsync(context, options.Value.MaxRequestBodyBytes).ConfigureAwait(false);
        if (readError is not null)
        {
            await ProtocolErrorWriter.WriteAsync(context, readError, ProtocolKind.OpenAi).ConfigureAwait(false);
            return;
        }

        var parsed = OpenAiRequestParser.Parse(body);
        if (!parsed.IsSuccess)
        {
            await WriteBadRequestAsync(context, parsed.Error!).ConfigureAwait(false);
            return;
        }

        var request = parsed.Value!;
        var mapping = ModelMapper.Map(request.Model!);
        var sessionKey = SessionKeys.Create(null, FirstUserText(request));
        var translated = await OpenAiToGemini.TranslateAsync(request, new RequestTranslationOptions
        {
            UpstreamModel = mapping.Upstream,
            SessionKey = sessionKey,
            SignatureCache = signatureCache,
        }, context.RequestAborted).ConfigureAwait(false);
        if (!translated.IsSuccess)
        {
            await WriteBadRequestAsync(context, translated.Error!).ConfigureAwait(false);
            return;
        }

        var responseOptions = new ResponseTranslationOptions
        {
            Id = "chatcmpl-" + Guid.NewGuid().ToString("N"),
            Model = request.Model!,
            CreatedUnixSeconds = time.GetUtcNow().ToUnixTimeSeconds(),
            IncludeUsage = request.StreamOptions?.IncludeUsage == true,
        };
        var call = new UpstreamCall(
            System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(translated.Value!, GeminiJsonContext.Default.GeminiGenerateContentRequest),
            mapping.Upstream,
            sessionKey,
            "openai");
        await runner.RunAsync(
            context,
            ProtocolKind.OpenAi,
            call,
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

    private static async Task WriteBadRequestAsync(HttpContext context, ProtocolError error)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.Body.WriteAsync(OpenAiErrorBody.FromProtocolError(error), context.RequestAborted).ConfigureAwait(false);
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
