using System.Text.Json;
using Antigravity.Protocols.OpenAi;

namespace Antigravity.Protocols.Responses;

/// <summary>
/// Turns a Responses API request (with any stored history in front of its input) into the equivalent Chat
/// Completions request, so that the chat translators — schema cleaning, images, tools, thinking, signature
/// healing — serve the Responses API too.
/// </summary>
public static class ResponsesToChat
{
    /// <summary>
    /// A <c>function_call_output</c> in <paramref name="call"/>'s input whose <c>call_id</c> no earlier
    /// <c>function_call</c> (in <paramref name="history"/> or the input) carries, as an error naming
    /// <c>input[i].call_id</c> — checked here so the refusal speaks Responses, not the chat fields it is translated to.
    /// </summary>
    public static ProtocolError? FindUnansweredOutput(ResponsesCall call, IReadOnlyList<ResponsesInputItem> history)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(history);
        var callIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in history)
        {
            if (item is { Type: "function_call", CallId: { } id })
            {
                callIds.Add(id);
            }
        }

        for (var i = 0; i < call.Input.Count; i++)
        {
            var item = call.Input[i];
            if (item is { Type: "function_call", CallId: { } id })
            {
                callIds.Add(id);
            }
            else if (item.Type == "function_call_output" && !callIds.Contains(item.CallId ?? ""))
            {
                return new ProtocolError($"input[{i}].call_id", $"No earlier function_call has call_id \"{item.CallId}\".");
            }
        }

        return null;
    }

    /// <summary>
    /// The chat request for <paramref name="call"/>, its input preceded by <paramref name="history"/> (the
    /// input and output items of the previous responses, oldest first).
    /// </summary>
    public static OpenAiChatRequest Translate(ResponsesCall call, IReadOnlyList<ResponsesInputItem> history)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(history);
        var request = call.Request;
        var messages = new List<OpenAiChatMessage?>();
        if (!string.IsNullOrEmpty(request.Instructions))
        {
            messages.Add(new OpenAiChatMessage { Role = "developer", Content = [new OpenAiContentPart { Type = "text", Text = request.Instructions }] });
        }

        string? pendingSignature = null;
        foreach (var item in history.Concat(call.Input))
        {
            switch (item.Type)
            {
                case "message":
                    messages.Add(new OpenAiChatMessage { Role = item.Role, Content = [.. item.Content.Select(ToChatPart)] });
                    break;
                case "reasoning":
                    // The signature a reasoning item carries belongs to the model turn's first function call.
                    pendingSignature = string.IsNullOrEmpty(item.EncryptedContent) ? pendingSignature : item.EncryptedContent;
                    break;
                case "function_call":
                    var toolCall = new OpenAiToolCall
                    {
                        Id = item.CallId,
                        Type = "function",
                        Function = new OpenAiFunctionCall { Name = item.Name, Arguments = item.Arguments },
                        ExtraContent = pendingSignature is null ? null : new OpenAiExtraContent { Google = new OpenAiGoogleExtra { ThoughtSignature = pendingSignature } },
                    };
                    pendingSignature = null;
                    if (messages.Count > 0 && messages[^1] is { Role: "assistant" } last)
                    {
                        messages[^1] = last with { ToolCalls = [.. last.ToolCalls ?? [], toolCall] };
                    }
                    else
                    {
                        messages.Add(new OpenAiChatMessage { Role = "assistant", ToolCalls = [toolCall] });
                    }

                    break;
                case "function_call_output":
                    messages.Add(new OpenAiChatMessage
                    {
                        Role = "tool",
                        ToolCallId = item.CallId,
                        Content = [new OpenAiContentPart { Type = "text", Text = item.Output ?? "" }],
                    });
                    break;
            }
        }

        var (functions, search, notices) = SplitTools(request.Tools);
        return new OpenAiChatRequest
        {
            Model = request.Model,
            Messages = messages,
            Stream = request.Stream,
            Temperature = request.Temperature,
            TopP = request.TopP,
            MaxCompletionTokens = request.MaxOutputTokens,
            Tools = functions.Count > 0 ? functions : null,
            WebSearchOptions = search,
            ToolNotices = notices.Count > 0 ? notices : null,
            RequiredBuiltInTool = ForcedBuiltIn(request.ToolChoice),
            ToolChoice = ToChatToolChoice(request.ToolChoice),
            ParallelToolCalls = request.ParallelToolCalls,
            ReasoningEffort = request.Reasoning?.Effort,
            ResponseFormat = request.Text?.Format is { Type: "json_schema" or "json_object" } format
                ? new OpenAiResponseFormat
                {
                    Type = format.Type,
                    JsonSchema = format.Type == "json_schema" ? new OpenAiJsonSchemaFormat { Name = format.Name, Schema = format.Schema, Strict = format.Strict } : null,
                }
                : null,
            User = request.User,
        };
    }

    /// <summary>
    /// Function tools (namespaces flattened) become chat tools, a web search tool <c>web_search_options</c>; any other
    /// built-in tool has no counterpart upstream and is left out with a notice.
    /// </summary>
    private static (List<OpenAiTool> Functions, OpenAiWebSearchOptions? Search, List<string> Notices) SplitTools(IReadOnlyList<ResponsesTool?>? tools)
    {
        var functions = new List<OpenAiTool>();
        var notices = new List<string>();
        OpenAiWebSearchOptions? search = null;
        foreach (var tool in tools ?? [])
        {
            switch (tool!.Type)
            {
                case "function":
                    functions.Add(Function(tool));
                    break;
                case "namespace":
                    functions.AddRange(tool.Tools!.Select(inner => Function(inner!)));
                    break;
                case { } type when ResponsesBuiltInTools.IsWebSearch(type):
                    search = new OpenAiWebSearchOptions
                    {
                        SearchContextSize = tool.SearchContextSize,
                        UserLocation = tool.UserLocation,
                        AllowedDomains = AllowedDomains(tool.Filters),
                    };
                    break;
                case { } type:
                    notices.Add(Tools.SearchNotices.Dropped(type));
                    break;
            }
        }

        return (functions, search, notices);

        static OpenAiTool Function(ResponsesTool tool) => new()
        {
            Type = "function",
            Function = new OpenAiFunctionDefinition { Name = tool.Name, Description = tool.Description, Parameters = tool.Parameters, Strict = tool.Strict },
        };
    }

    private static List<string>? AllowedDomains(JsonElement? filters) =>
        filters is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty("allowed_domains", out var domains) && domains.ValueKind == JsonValueKind.Array
            ? [.. domains.EnumerateArray().Where(domain => domain.ValueKind == JsonValueKind.String).Select(domain => domain.GetString()!)]
            : null;

    private static string? ForcedBuiltIn(JsonElement? choice) =>
        choice is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
            && type.GetString() is { } name && ResponsesBuiltInTools.IsWebSearch(name)
            ? name
            : null;

    private static OpenAiContentPart ToChatPart(ResponsesContentPart part) => part.Type == "input_image"
        ? new OpenAiContentPart { Type = "image_url", ImageUrl = new OpenAiImageUrl { Url = part.ImageUrl } }
        : new OpenAiContentPart { Type = "text", Text = part.Text };

    private static JsonElement? ToChatToolChoice(JsonElement? choice)
    {
        if (choice is not { ValueKind: JsonValueKind.Object } value || !value.TryGetProperty("name", out var name))
        {
            return choice is { ValueKind: JsonValueKind.String } ? choice : null;
        }

        // Responses names the function at the top level; Chat Completions nests it under "function".
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "function");
            writer.WriteStartObject("function");
            writer.WriteString("name", name.GetString());
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
