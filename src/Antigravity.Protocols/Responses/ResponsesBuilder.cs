using Antigravity.Protocols.OpenAi;
using Antigravity.Protocols.Usage;

namespace Antigravity.Protocols.Responses;

/// <summary>What a response echoes of its request, and its identity.</summary>
/// <param name="Id">The response id (<c>resp_…</c>).</param>
/// <param name="CreatedAt">Unix seconds.</param>
/// <param name="Call">The request.</param>
public sealed record ResponsesContext(string Id, long CreatedAt, ResponsesCall Call)
{
    /// <summary>A response object in <paramref name="status"/> with <paramref name="output"/>.</summary>
    public ResponsesResponse Create(string status, IReadOnlyList<ResponsesOutputItem> output, TokenUsage? usage = null,
        ResponsesError? error = null, ResponsesIncompleteDetails? incomplete = null)
    {
        var request = Call.Request;
        return new ResponsesResponse
        {
            Id = Id,
            CreatedAt = CreatedAt,
            Status = status,
            Error = error,
            IncompleteDetails = incomplete,
            Instructions = request.Instructions,
            MaxOutputTokens = request.MaxOutputTokens,
            Model = request.Model!,
            Output = output,
            ParallelToolCalls = request.ParallelToolCalls ?? true,
            PreviousResponseId = request.PreviousResponseId,
            Reasoning = request.Reasoning ?? new ResponsesReasoning(),
            Store = request.Store ?? true,
            Temperature = request.Temperature,
            Text = request.Text ?? new ResponsesTextOptions { Format = new ResponsesTextFormat { Type = "text" } },
            ToolChoice = request.ToolChoice ?? ResponsesDefaults.Auto,
            Tools = request.Tools ?? [],
            TopP = request.TopP,
            Usage = usage is { } used ? ResponsesUsage.From(used) : null,
            User = request.User,
            Metadata = request.Metadata ?? new Dictionary<string, string>(),
        };
    }

    /// <summary>A fresh item id with <paramref name="prefix"/> (<c>msg</c>, <c>fc</c>, <c>rs</c>).</summary>
    public static string NewItemId(string prefix) => prefix + "_" + Guid.NewGuid().ToString("N");
}

/// <summary>Builds a complete (non-streamed) response from the aggregated answer in Chat Completions form.</summary>
public static class ResponsesBuilder
{
    /// <summary>The response for <paramref name="completion"/> (what <c>GeminiToOpenAi</c> made of the upstream answer).</summary>
    public static ResponsesResponse FromCompletion(OpenAiChatCompletion completion, TokenUsage usage, ResponsesContext context)
    {
        ArgumentNullException.ThrowIfNull(completion);
        ArgumentNullException.ThrowIfNull(context);
        var choice = completion.Choices.Count > 0 ? completion.Choices[0] : null;
        var message = choice?.Message;
        var output = new List<ResponsesOutputItem>();
        var signature = message?.ToolCalls?.Select(call => call.ExtraContent?.Google?.ThoughtSignature).FirstOrDefault(s => !string.IsNullOrEmpty(s));
        if (!string.IsNullOrEmpty(message?.ReasoningContent) || signature is not null)
        {
            output.Add(new ResponsesOutputItem
            {
                Type = "reasoning",
                Id = ResponsesContext.NewItemId("rs"),
                Summary = string.IsNullOrEmpty(message?.ReasoningContent) ? [] : [new ResponsesSummaryPart { Text = message.ReasoningContent }],
                EncryptedContent = signature,
            });
        }

        if (message?.WebSearch is { } search)
        {
            // The searches ran before the answer was written, so their items come first.
            output.AddRange(ResponsesWebSearchAction.Items(search));
        }

        var incomplete = choice?.FinishReason == "length";
        if (!string.IsNullOrEmpty(message?.Content))
        {
            output.Add(new ResponsesOutputItem
            {
                Type = "message",
                Id = ResponsesContext.NewItemId("msg"),
                Status = incomplete ? "incomplete" : "completed",
                Role = "assistant",
                Content = [new ResponsesOutputContent { Text = message.Content, Annotations = Annotations(message.Annotations) }],
            });
        }

        foreach (var call in message?.ToolCalls ?? [])
        {
            output.Add(new ResponsesOutputItem
            {
                Type = "function_call",
                Id = ResponsesContext.NewItemId("fc"),
                Status = "completed",
                CallId = call.Id,
                Name = call.Function?.Name,
                Arguments = call.Function?.Arguments ?? "{}",
            });
        }

        return incomplete
            ? context.Create("incomplete", output, usage, incomplete: new ResponsesIncompleteDetails("max_output_tokens"))
            : choice?.FinishReason == "content_filter"
                ? context.Create("incomplete", output, usage, incomplete: new ResponsesIncompleteDetails("content_filter"))
                : context.Create("completed", output, usage);
    }

    private static IReadOnlyList<ResponsesAnnotation> Annotations(IReadOnlyList<OpenAiAnnotation>? annotations) =>
        annotations is { Count: > 0 }
            ? [.. annotations.Select(annotation => new ResponsesAnnotation
            {
                StartIndex = annotation.UrlCitation.StartIndex,
                EndIndex = annotation.UrlCitation.EndIndex,
                Url = annotation.UrlCitation.Url,
                Title = annotation.UrlCitation.Title,
            })]
            : [];
}
