using System.Text.Json;
using Antigravity.Protocols.Gemini;
using Antigravity.Protocols.OpenAi;
using Antigravity.Protocols.Thinking;

namespace Antigravity.Protocols.Upstreams;

/// <summary>
/// The hub request (Gemini <c>GenerateContentRequest</c>) as an OpenAI Chat Completions request, for
/// <c>openai-compatible</c> accounts (OpenRouter, vLLM, Ollama…). Thoughts are not sent back: chat completions
/// has no field a provider would accept them in.
/// </summary>
public static class GeminiToOpenAiChatRequest
{
    /// <summary>
    /// Translates <paramref name="request"/> for <paramref name="model"/>: streaming with usage, or, when
    /// <paramref name="stream"/> is false, for one whole <c>chat.completion</c> answer (usage is always in it).
    /// </summary>
    public static OpenAiChatRequest Translate(GeminiGenerateContentRequest request, string model, bool stream)
    {
        ArgumentNullException.ThrowIfNull(request);
        var messages = new List<OpenAiChatMessage?>();
        if (request.SystemInstruction?.Parts is { Count: > 0 } system)
        {
            messages.Add(new OpenAiChatMessage
            {
                Role = "system",
                Content = [.. system.Where(p => !string.IsNullOrEmpty(p.Text)).Select(p => new OpenAiContentPart { Type = "text", Text = p.Text })],
            });
        }

        var pendingIds = new Dictionary<string, Queue<string>>(StringComparer.Ordinal);
        var callIndex = 0;
        foreach (var content in request.Contents ?? [])
        {
            if (content is null)
            {
                continue;
            }

            var parts = new List<OpenAiContentPart>();
            var calls = new List<OpenAiToolCall>();
            foreach (var part in content.Parts ?? [])
            {
                if (part.FunctionCall is { } call)
                {
                    var id = ToolCallIds.For(call.Id, ToolCallIds.OpenAiPrefix, "hub", callIndex++);
                    if (!pendingIds.TryGetValue(call.Name ?? "", out var queue))
                    {
                        pendingIds[call.Name ?? ""] = queue = new Queue<string>();
                    }

                    queue.Enqueue(id);
                    calls.Add(new OpenAiToolCall
                    {
                        Id = id,
                        Type = "function",
                        Function = new OpenAiFunctionCall { Name = call.Name, Arguments = call.Args is { ValueKind: JsonValueKind.Object } args ? args.GetRawText() : "{}" },
                    });
                }
                else if (part.FunctionResponse is { } response)
                {
                    var id = response.Id ?? (pendingIds.TryGetValue(response.Name ?? "", out var queue) && queue.Count > 0
                        ? queue.Dequeue()
                        : ToolCallIds.For(null, ToolCallIds.OpenAiPrefix, "hub-orphan", callIndex++));
                    messages.Add(new OpenAiChatMessage
                    {
                        Role = "tool",
                        ToolCallId = id,
                        Content = [new OpenAiContentPart { Type = "text", Text = response.Response?.GetRawText() ?? "" }],
                    });
                }
                else if (part.Thought == true)
                {
                    continue;
                }
                else if (part.InlineData is { } blob)
                {
                    parts.Add(new OpenAiContentPart { Type = "image_url", ImageUrl = new OpenAiImageUrl { Url = $"data:{blob.MimeType};base64,{blob.Data}" } });
                }
                else if (part.FileData is { } file)
                {
                    parts.Add(new OpenAiContentPart { Type = "image_url", ImageUrl = new OpenAiImageUrl { Url = file.FileUri } });
                }
                else if (!string.IsNullOrEmpty(part.Text))
                {
                    parts.Add(new OpenAiContentPart { Type = "text", Text = part.Text });
                }
            }

            if (content.Role == "model")
            {
                if (parts.Count > 0 || calls.Count > 0)
                {
                    messages.Add(new OpenAiChatMessage { Role = "assistant", Content = parts.Count > 0 ? parts : null, ToolCalls = calls.Count > 0 ? calls : null });
                }
            }
            else if (parts.Count > 0)
            {
                messages.Add(new OpenAiChatMessage { Role = "user", Content = parts });
            }
        }

        var config = request.GenerationConfig;
        var declared = (request.Tools ?? []).SelectMany(tool => tool.FunctionDeclarations ?? []).ToList();
        return new OpenAiChatRequest
        {
            Model = model,
            Messages = messages,
            Stream = stream,
            StreamOptions = stream ? new OpenAiStreamOptions { IncludeUsage = true } : null,
            MaxTokens = config?.MaxOutputTokens,
            Temperature = config?.Temperature,
            TopP = config?.TopP,
            Stop = config?.StopSequences,
            Seed = config?.Seed,
            PresencePenalty = config?.PresencePenalty,
            FrequencyPenalty = config?.FrequencyPenalty,
            ReasoningEffort = ReasoningEffort(config?.ThinkingConfig),
            Tools = declared.Count == 0
                ? null
                : [.. declared.Select(d => new OpenAiTool
                {
                    Type = "function",
                    Function = new OpenAiFunctionDefinition
                    {
                        Name = d.Name,
                        Description = d.Description,
                        Parameters = d.ParametersJsonSchema ?? (d.Parameters is { ValueKind: JsonValueKind.Object } p ? SchemaCase.Lower(p) : null),
                    },
                })],
            ToolChoice = ToolChoice(request.ToolConfig),
        };
    }

    private static string? ReasoningEffort(GeminiThinkingConfig? thinking) => thinking switch
    {
        null => null,
        { ThinkingLevel: { } level } => level.ToLowerInvariant() is "minimal" or "low" ? "low" : level.ToLowerInvariant() == "high" ? "high" : "medium",
        { ThinkingBudget: 0 } => null,
        { ThinkingBudget: > 16000 } => "high",
        { ThinkingBudget: > 0 and < 4096 } => "low",
        { ThinkingBudget: > 0 } or { IncludeThoughts: true } => "medium",
        _ => null,
    };

    private static JsonElement? ToolChoice(GeminiToolConfig? config)
    {
        var mode = config?.FunctionCallingConfig?.Mode?.ToUpperInvariant();
        var json = mode switch
        {
            "ANY" when config!.FunctionCallingConfig!.AllowedFunctionNames is [var only] =>
                "{\"type\":\"function\",\"function\":{\"name\":" + JsonSerializer.Serialize(only, Json.ProtocolJsonContext.Default.String) + "}}",
            "ANY" => "\"required\"",
            "NONE" => "\"none\"",
            "AUTO" => "\"auto\"",
            _ => null,
        };
        if (json is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
