using Antigravity.Contracts.Leasing;
using Antigravity.Gateway.Errors;
using Antigravity.Gateway.Responses;
using Antigravity.Protocols;
using Antigravity.Protocols.OpenAi;
using Antigravity.Protocols.Responses;
using Antigravity.Protocols.Translation;

namespace Antigravity.Gateway.Chat;

/// <summary>
/// <c>POST /v1/responses</c> (OpenAI Responses API, what Codex CLI uses) over the pool, with stored responses
/// for <c>previous_response_id</c>; <c>GET</c> and <c>DELETE /v1/responses/{id}</c> for the stored ones.
/// </summary>
internal static class ResponsesEndpoint
{
    /// <summary>Maps the routes.</summary>
    public static IEndpointRouteBuilder MapResponses(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/responses", HandleAsync);
        app.MapGet("/v1/responses/{id}", GetAsync);
        app.MapDelete("/v1/responses/{id}", DeleteAsync);
        return app;
    }

    private static async Task HandleAsync(HttpContext context, ChatRequestPipeline pipeline, StoredResponses stored)
    {
        if (await pipeline.ReadAsync(context, ProtocolKind.OpenAi, ResponsesRequestParser.Parse,
            c => new RequestShape(c.Request.Model, c.Input.Count, c.Request.Tools?.Count ?? 0, "input")).ConfigureAwait(false) is not { } call)
        {
            return;
        }

        var request = call.Request;
        IReadOnlyList<ResponsesInputItem> history = [];
        if (request.PreviousResponseId is { Length: > 0 } previousId)
        {
            if (await stored.GetAsync(previousId, context.RequestAborted).ConfigureAwait(false) is not { } previous)
            {
                await ProtocolErrorWriter.WriteAsync(context, ApiError.NotFound(
                    $"Previous response with id '{Shorten(previousId)}' not found: it was never stored (store: false), has expired, or was deleted.",
                    "previous_response_not_found"), ProtocolKind.OpenAi).ConfigureAwait(false);
                return;
            }

            history = previous.History;
        }

        if (ResponsesToChat.FindUnansweredOutput(call, history) is { } unanswered)
        {
            await ChatRequestPipeline.WriteBadRequestAsync(context, ProtocolKind.OpenAi, unanswered).ConfigureAwait(false);
            return;
        }

        var chat = ResponsesToChat.Translate(call, history);
        var mapping = ChatRequestPipeline.Map(context, request.Model!);
        var sessionKey = SessionKeys.Create(null, FirstUserText(history, call.Input));
        var translated = await OpenAiToGemini.TranslateAsync(chat, new RequestTranslationOptions
        {
            UpstreamModel = mapping.Upstream,
            SessionKey = sessionKey,
            SignatureCache = pipeline.SignatureCache,
        }, context.RequestAborted).ConfigureAwait(false);

        var responseContext = new ResponsesContext("resp_" + Guid.NewGuid().ToString("N"), pipeline.NowUnixSeconds, call);
        var completionOptions = new ResponseTranslationOptions { Id = responseContext.Id, Model = request.Model!, CreatedUnixSeconds = responseContext.CreatedAt };
        Task PersistAsync(ResponsesResponse response, CancellationToken cancellationToken) =>
            request.Store == false ? Task.CompletedTask : stored.SaveAsync(response, [.. history, .. call.Input], cancellationToken);

        await pipeline.RunAsync(
            context,
            ProtocolKind.OpenAi,
            translated,
            mapping,
            sessionKey,
            request.Stream == true,
            () => new ResponsesClientStream(responseContext, PersistAsync),
            upstream =>
            {
                var answer = GeminiToOpenAi.Translate(upstream, completionOptions);
                var response = ResponsesBuilder.FromCompletion(answer.Body, answer.Usage, responseContext);
                return new ClientAnswer(
                    System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(response, ResponsesJsonContext.Default.ResponsesResponse),
                    answer.Usage,
                    answer.Signatures,
                    cancellationToken => PersistAsync(response, cancellationToken));
            }).ConfigureAwait(false);
    }

    private static async Task<IResult> GetAsync(string id, StoredResponses stored, CancellationToken cancellationToken) =>
        await stored.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } found
            ? Results.Json(found.Response)
            : NotFound(id);

    private static async Task<IResult> DeleteAsync(string id, StoredResponses stored, CancellationToken cancellationToken) =>
        await stored.DeleteAsync(id, cancellationToken).ConfigureAwait(false)
            ? Results.Json(new ResponseDeleted(id), GatewayJsonContext.Default.ResponseDeleted)
            : NotFound(id);

    private static ProtocolErrorResult NotFound(string id) =>
        new(ApiError.NotFound($"Response with id '{Shorten(id)}' not found (never stored, expired or deleted).", "response_not_found"));

    private static string? FirstUserText(IEnumerable<ResponsesInputItem> history, IEnumerable<ResponsesInputItem> input)
    {
        foreach (var item in history.Concat(input))
        {
            if (item is { Type: "message", Role: "user" } && string.Concat(item.Content.Select(part => part.Text)) is { Length: > 0 } text)
            {
                return text;
            }
        }
        return null;
    }

    private static string Shorten(string id) => id.Length > 64 ? id[..64] + "…" : id;
}

/// <summary>Answer of <c>DELETE /v1/responses/{id}</c>.</summary>
/// <param name="Id">The deleted response.</param>
internal sealed record ResponseDeleted([property: System.Text.Json.Serialization.JsonPropertyName("id")] string Id)
{
    /// <summary>Always <c>response.deleted</c>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("object")] public string Object => "response.deleted";

    /// <summary>Always true.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("deleted")] public bool Deleted => true;
}
