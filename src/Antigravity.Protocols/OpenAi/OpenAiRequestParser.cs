using System.Text.Json;
using Antigravity.Protocols.Json;

namespace Antigravity.Protocols.OpenAi;

/// <summary>Parses and validates an OpenAI Chat Completions request body.</summary>
public static class OpenAiRequestParser
{
    private static readonly string[] Roles = ["system", "developer", "user", "assistant", "tool", "function"];
    private static readonly string[] Efforts = ["none", "minimal", "low", "medium", "high", "xhigh"];

    /// <summary>Parses <paramref name="body"/>; on failure the error names the field (e.g. <c>messages[1].content[0].type</c>).</summary>
    public static ParseResult<OpenAiChatRequest> Parse(ReadOnlySpan<byte> body)
    {
        var result = JsonRequestReader.Read(body, OpenAiJsonContext.Default.OpenAiChatRequest);
        if (!result.IsSuccess)
        {
            return result;
        }

        return Validate(result.Value) is { } error ? error : result;
    }

    /// <summary>Checks a deserialized request; returns the first problem or null.</summary>
    public static ProtocolError? Validate(OpenAiChatRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Model))
        {
            return new("model", "Required: the model to use.");
        }

        if (request.Messages is null)
        {
            return new("messages", "Required: the conversation messages.");
        }

        if (request.Messages.Count == 0)
        {
            return new("messages", "Must contain at least one message.");
        }

        for (var i = 0; i < request.Messages.Count; i++)
        {
            if (ValidateMessage(request.Messages[i], FieldPath.Index("messages", i)) is { } error)
            {
                return error;
            }
        }

        if (request.Temperature is < 0 or > 2)
        {
            return new("temperature", "Must be between 0 and 2.");
        }

        if (request.TopP is < 0 or > 1)
        {
            return new("top_p", "Must be between 0 and 1.");
        }

        if (request.N is < 1)
        {
            return new("n", "Must be at least 1.");
        }

        if (request.MaxTokens is < 1)
        {
            return new("max_tokens", "Must be at least 1.");
        }

        if (request.MaxCompletionTokens is < 1)
        {
            return new("max_completion_tokens", "Must be at least 1.");
        }

        if (request.ReasoningEffort is { } effort && Array.IndexOf(Efforts, effort) < 0)
        {
            return new("reasoning_effort", "Must be one of none, minimal, low, medium, high.");
        }

        if (request.Tools is not null)
        {
            for (var i = 0; i < request.Tools.Count; i++)
            {
                if (ValidateTool(request.Tools[i], FieldPath.Index("tools", i)) is { } error)
                {
                    return error;
                }
            }
        }

        if (request.ToolChoice is { } choice && ValidateToolChoice(choice) is { } choiceError)
        {
            return choiceError;
        }

        if (request.ResponseFormat is { } format)
        {
            if (format.Type is not ("text" or "json_object" or "json_schema"))
            {
                return new("response_format.type", "Must be text, json_object or json_schema.");
            }

            if (format.Type == "json_schema" && format.JsonSchema?.Schema is not { ValueKind: JsonValueKind.Object })
            {
                return new("response_format.json_schema.schema", "Required: a JSON Schema object.");
            }
        }

        return null;
    }

    private static ProtocolError? ValidateMessage(OpenAiChatMessage? message, string path)
    {
        if (message is null)
        {
            return new(path, "Must be a message object.");
        }

        if (message.Role is null)
        {
            return new(FieldPath.Property(path, "role"), "Required.");
        }

        if (Array.IndexOf(Roles, message.Role) < 0)
        {
            return new(FieldPath.Property(path, "role"), "Must be one of system, developer, user, assistant, tool.");
        }

        var contentPath = FieldPath.Property(path, "content");
        if (message.Content is null && message.Role != "assistant")
        {
            return new(contentPath, "Required for a " + message.Role + " message.");
        }

        if (message.Role is "tool" && string.IsNullOrEmpty(message.ToolCallId))
        {
            return new(FieldPath.Property(path, "tool_call_id"), "Required for a tool message.");
        }

        if (message.Content is { } parts)
        {
            for (var j = 0; j < parts.Count; j++)
            {
                if (ValidatePart(parts[j], FieldPath.Index(contentPath, j), message.Role) is { } error)
                {
                    return error;
                }
            }
        }

        if (message.ToolCalls is { } calls)
        {
            if (message.Role != "assistant")
            {
                return new(FieldPath.Property(path, "tool_calls"), "Only assistant messages carry tool calls.");
            }

            for (var j = 0; j < calls.Count; j++)
            {
                var callPath = FieldPath.Index(FieldPath.Property(path, "tool_calls"), j);
                var call = calls[j];
                if (call is null)
                {
                    return new(callPath, "Must be a tool call object.");
                }

                if (string.IsNullOrEmpty(call.Id))
                {
                    return new(FieldPath.Property(callPath, "id"), "Required.");
                }

                if (call.Type is not (null or "function"))
                {
                    return new(FieldPath.Property(callPath, "type"), "Must be \"function\".");
                }

                if (string.IsNullOrEmpty(call.Function?.Name))
                {
                    return new(FieldPath.Property(callPath, "function.name"), "Required.");
                }

                if (!string.IsNullOrWhiteSpace(call.Function.Arguments) && !IsJsonObject(call.Function.Arguments))
                {
                    return new(FieldPath.Property(callPath, "function.arguments"), "Must be a JSON object encoded as a string.");
                }
            }
        }

        return null;
    }

    private static ProtocolError? ValidatePart(OpenAiContentPart part, string path, string role)
    {
        switch (part.Type)
        {
            case null:
                return new(FieldPath.Property(path, "type"), "Required.");
            case "text":
                return part.Text is null ? new(FieldPath.Property(path, "text"), "Required.") : null;
            case "image_url" when role is "user":
                var url = part.ImageUrl?.Url;
                if (string.IsNullOrEmpty(url))
                {
                    return new(FieldPath.Property(path, "image_url.url"), "Required.");
                }

                return MediaReference.TryFromUrl(url, out _, out var error) ? null : new(FieldPath.Property(path, "image_url.url"), error);
            case "image_url":
                return new(FieldPath.Property(path, "type"), "Images are accepted in user messages only.");
            default:
                return new(FieldPath.Property(path, "type"), $"Unsupported content part type \"{part.Type}\"; expected text or image_url.");
        }
    }

    private static ProtocolError? ValidateTool(OpenAiTool? tool, string path)
    {
        if (tool is null)
        {
            return new(path, "Must be a tool object.");
        }

        if (tool.Type is not (null or "function"))
        {
            return new(FieldPath.Property(path, "type"), "Must be \"function\".");
        }

        if (string.IsNullOrEmpty(tool.Function?.Name))
        {
            return new(FieldPath.Property(path, "function.name"), "Required.");
        }

        if (tool.Function.Parameters is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null) })
        {
            return new(FieldPath.Property(path, "function.parameters"), "Must be a JSON Schema object.");
        }

        return null;
    }

    private static ProtocolError? ValidateToolChoice(JsonElement choice)
    {
        if (choice.ValueKind == JsonValueKind.String)
        {
            return choice.GetString() is "none" or "auto" or "required"
                ? null
                : new("tool_choice", "Must be none, auto, required, or a function choice object.");
        }

        if (choice.ValueKind == JsonValueKind.Object
            && choice.TryGetProperty("function", out var function)
            && function.ValueKind == JsonValueKind.Object
            && function.TryGetProperty("name", out var name)
            && name.ValueKind == JsonValueKind.String)
        {
            return null;
        }

        return choice.ValueKind == JsonValueKind.Null ? null : new("tool_choice.function.name", "Required when tool_choice is an object.");
    }

    internal static bool IsJsonObject(string json)
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json));
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            reader.Skip();
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
