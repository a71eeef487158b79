using System.Text.Json;
using Antigravity.Protocols.Json;
using Antigravity.Protocols.Tools;

namespace Antigravity.Protocols.Responses;

/// <summary>A parsed <c>POST /v1/responses</c> body: the request and its input items, normalized.</summary>
/// <param name="Request">The request.</param>
/// <param name="Input">The input items of this request (without any stored history).</param>
public sealed record ResponsesCall(ResponsesRequest Request, IReadOnlyList<ResponsesInputItem> Input);

/// <summary>Parses and validates Responses API requests; every refusal names the field.</summary>
public static class ResponsesRequestParser
{
    private static readonly string[] Roles = ["user", "assistant", "system", "developer"];
    private static readonly string[] Efforts = ["none", "minimal", "low", "medium", "high", "xhigh"];

    /// <summary>Parses <paramref name="body"/>; on failure the error names the field (e.g. <c>input[2].call_id</c>).</summary>
    public static ParseResult<ResponsesCall> Parse(ReadOnlySpan<byte> body)
    {
        var result = JsonRequestReader.Read(body, ResponsesJsonContext.Default.ResponsesRequest);
        if (!result.IsSuccess)
        {
            return result.Error!;
        }

        var request = result.Value!;
        if (Validate(request) is { } error)
        {
            return error;
        }

        var items = request.Input is { } input ? ParseItems(input, "input") : ParseResult<IReadOnlyList<ResponsesInputItem>>.Success([]);
        return items.IsSuccess ? ParseResult<ResponsesCall>.Success(new ResponsesCall(request, items.Value!)) : items.Error!;
    }

    /// <summary>Reads input items (a string, or an array of items) from <paramref name="input"/>.</summary>
    public static ParseResult<IReadOnlyList<ResponsesInputItem>> ParseItems(JsonElement input, string path)
    {
        if (input.ValueKind == JsonValueKind.String)
        {
            return ParseResult<IReadOnlyList<ResponsesInputItem>>.Success(
                [new ResponsesInputItem { Type = "message", Role = "user", Content = [new ResponsesContentPart("input_text", input.GetString())] }]);
        }

        if (input.ValueKind != JsonValueKind.Array)
        {
            return new ProtocolError(path, "Must be a string or an array of input items.");
        }

        var items = new List<ResponsesInputItem>();
        var index = 0;
        foreach (var element in input.EnumerateArray())
        {
            var itemPath = FieldPath.Index(path, index++);
            var item = ParseItem(element, itemPath);
            if (!item.IsSuccess)
            {
                return item.Error!;
            }

            if (item.Value!.Type != "skip")
            {
                items.Add(item.Value);
            }
        }

        return ParseResult<IReadOnlyList<ResponsesInputItem>>.Success(items);
    }

    private static ProtocolError? Validate(ResponsesRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Model))
        {
            return new("model", "Required: the model to use.");
        }

        if (request.Input is null && string.IsNullOrEmpty(request.PreviousResponseId))
        {
            return new("input", "Required: the input items (or a string).");
        }

        if (request.MaxOutputTokens is < 1)
        {
            return new("max_output_tokens", "Must be at least 1.");
        }

        if (request.Temperature is < 0 or > 2)
        {
            return new("temperature", "Must be between 0 and 2.");
        }

        if (request.TopP is < 0 or > 1)
        {
            return new("top_p", "Must be between 0 and 1.");
        }

        if (request.Reasoning?.Effort is { } effort && !Efforts.Contains(effort))
        {
            return new("reasoning.effort", $"Must be one of {string.Join(", ", Efforts)}.");
        }

        if (ValidateTools(request.Tools, "tools", allowNamespaces: true) is { } toolError)
        {
            return toolError;
        }

        if (request.ToolChoice is { } choice && ValidateToolChoice(choice) is { } choiceError)
        {
            return choiceError;
        }

        if (request.Text?.Format is { Type: { } format } && format is not ("text" or "json_object" or "json_schema"))
        {
            return new("text.format.type", "Must be text, json_object or json_schema.");
        }

        return null;
    }

    private static ProtocolError? ValidateTools(IReadOnlyList<ResponsesTool?>? tools, string listPath, bool allowNamespaces)
    {
        for (var i = 0; i < (tools?.Count ?? 0); i++)
        {
            var tool = tools![i];
            var path = FieldPath.Index(listPath, i);
            if (tool is null)
            {
                return new(path, "Must be a tool object.");
            }

            if (tool.Type == "namespace" && allowNamespaces)
            {
                if (tool.Tools is not { Count: > 0 })
                {
                    return new(FieldPath.Property(path, "tools"), "Required: the function tools of the namespace.");
                }

                if (ValidateTools(tool.Tools, FieldPath.Property(path, "tools"), allowNamespaces: false) is { } nested)
                {
                    return nested;
                }

                continue;
            }

            if (tool.Type is null)
            {
                return new(FieldPath.Property(path, "type"), "Required: \"function\" or a built-in tool type.");
            }

            if (tool.Type != "function" && !allowNamespaces)
            {
                return new(FieldPath.Property(path, "type"), "Must be \"function\": a namespace groups function tools.");
            }

            if (tool.Type != "function")
            {
                // A built-in tool: web search runs as Google Search grounding, the others are left out (and said so).
                continue;
            }

            if (string.IsNullOrWhiteSpace(tool.Name))
            {
                return new(FieldPath.Property(path, "name"), "Required: the function name.");
            }

            if (tool.Parameters is { } parameters && parameters.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
            {
                return new(FieldPath.Property(path, "parameters"), "Must be a JSON Schema object.");
            }
        }

        return null;
    }

    private static ProtocolError? ValidateToolChoice(JsonElement choice) => choice.ValueKind switch
    {
        JsonValueKind.String when choice.GetString() is "auto" or "none" or "required" => null,
        JsonValueKind.Object when Text(choice, "type") == "function" && !string.IsNullOrEmpty(Text(choice, "name")) => null,
        JsonValueKind.Object when Text(choice, "type") is "allowed_tools" => null,
        JsonValueKind.Object when Text(choice, "type") is { } hosted && ResponsesBuiltInTools.IsWebSearch(hosted) => null,
        // Forcing a tool that will not be there cannot be honoured: say so rather than answer without it.
        JsonValueKind.Object when Text(choice, "type") is { Length: > 0 } hosted => new ProtocolError("tool_choice.type", SearchNotices.Forced(hosted)),
        JsonValueKind.Null => null,
        _ => new ProtocolError("tool_choice", "Must be auto, none, required, {\"type\":\"function\",\"name\":…} or {\"type\":\"web_search\"}."),
    };

    private static ParseResult<ResponsesInputItem> ParseItem(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return new ProtocolError(path, "Must be an input item object.");
        }

        var type = Text(element, "type") ?? (element.TryGetProperty("role", out _) ? "message" : null);
        switch (type)
        {
            case "message":
                return ParseMessage(element, path);
            case "function_call":
                if (string.IsNullOrEmpty(Text(element, "call_id")))
                {
                    return new ProtocolError(FieldPath.Property(path, "call_id"), "Required: the id of the call.");
                }

                if (string.IsNullOrEmpty(Text(element, "name")))
                {
                    return new ProtocolError(FieldPath.Property(path, "name"), "Required: the function name.");
                }

                return new ResponsesInputItem
                {
                    Type = type,
                    CallId = Text(element, "call_id"),
                    Name = Text(element, "name"),
                    Arguments = Text(element, "arguments") ?? "{}",
                };
            case "function_call_output":
                if (string.IsNullOrEmpty(Text(element, "call_id")))
                {
                    return new ProtocolError(FieldPath.Property(path, "call_id"), "Required: the id of the call this output answers.");
                }

                if (!element.TryGetProperty("output", out var output))
                {
                    return new ProtocolError(FieldPath.Property(path, "output"), "Required: the function's output.");
                }

                return new ResponsesInputItem { Type = type, CallId = Text(element, "call_id"), Output = OutputText(output) };
            case "reasoning":
                return new ResponsesInputItem
                {
                    Type = type,
                    EncryptedContent = Text(element, "encrypted_content"),
                    SummaryText = element.TryGetProperty("summary", out var summary) && summary.ValueKind == JsonValueKind.Array
                        ? string.Concat(summary.EnumerateArray().Select(part => Text(part, "text")))
                        : null,
                };
            case "item_reference":
                return new ProtocolError(FieldPath.Property(path, "type"), "item_reference is not supported; send the item itself or use previous_response_id.");
            case null:
                return new ProtocolError(FieldPath.Property(path, "type"), "Required: the item type (message, function_call, function_call_output, reasoning).");
            default:
                // Items of built-in tools (web_search_call, …) cannot have come from this gateway: skip them like a client would.
                return new ResponsesInputItem { Type = "skip" };
        }
    }

    private static ParseResult<ResponsesInputItem> ParseMessage(JsonElement element, string path)
    {
        var role = Text(element, "role");
        if (role is null || !Roles.Contains(role))
        {
            return new ProtocolError(FieldPath.Property(path, "role"), $"Must be one of {string.Join(", ", Roles)}.");
        }

        var contentPath = FieldPath.Property(path, "content");
        if (!element.TryGetProperty("content", out var content))
        {
            return new ProtocolError(contentPath, "Required: the message content.");
        }

        if (content.ValueKind == JsonValueKind.String)
        {
            var kind = role == "assistant" ? "output_text" : "input_text";
            return new ResponsesInputItem { Type = "message", Role = role, Content = [new ResponsesContentPart(kind, content.GetString())] };
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            return new ProtocolError(contentPath, "Must be a string or an array of content parts.");
        }

        var parts = new List<ResponsesContentPart>();
        var index = 0;
        foreach (var part in content.EnumerateArray())
        {
            var partPath = FieldPath.Index(contentPath, index++);
            var partType = part.ValueKind == JsonValueKind.Object ? Text(part, "type") : null;
            switch (partType)
            {
                case "input_text" or "output_text" or "refusal" or "text" or "summary_text":
                    var text = Text(part, partType == "refusal" ? "refusal" : "text");
                    if (text is null)
                    {
                        return new ProtocolError(FieldPath.Property(partPath, "text"), "Required: the text.");
                    }

                    parts.Add(new ResponsesContentPart(partType, text));
                    break;
                case "input_image":
                    var url = Text(part, "image_url");
                    if (string.IsNullOrEmpty(url))
                    {
                        return new ProtocolError(FieldPath.Property(partPath, "image_url"), "Required: a data URL or an http(s) URL (file_id is not supported).");
                    }

                    if (!MediaReference.TryFromUrl(url, out _, out var refused))
                    {
                        return new ProtocolError(FieldPath.Property(partPath, "image_url"), refused);
                    }

                    parts.Add(new ResponsesContentPart(partType, ImageUrl: url));
                    break;
                default:
                    return new ProtocolError(FieldPath.Property(partPath, "type"), "Must be input_text, output_text, refusal or input_image.");
            }
        }

        return new ResponsesInputItem { Type = "message", Role = role, Content = parts };
    }

    private static string? OutputText(JsonElement output) => output.ValueKind switch
    {
        JsonValueKind.String => output.GetString(),
        JsonValueKind.Array => string.Concat(output.EnumerateArray().Select(part => Text(part, "text"))),
        _ => output.GetRawText(),
    };

    private static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
