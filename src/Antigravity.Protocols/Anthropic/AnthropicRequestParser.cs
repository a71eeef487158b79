using System.Text.Json;
using Antigravity.Protocols.Json;

namespace Antigravity.Protocols.Anthropic;

/// <summary>Parses and validates Anthropic Messages request bodies.</summary>
public static class AnthropicRequestParser
{
    /// <summary>Parses a <c>POST /v1/messages</c> body (<c>model</c>, <c>messages</c>, <c>max_tokens</c> required).</summary>
    public static ParseResult<AnthropicMessagesRequest> Parse(ReadOnlySpan<byte> body) => Parse(body, requireMaxTokens: true);

    /// <summary>Parses a <c>POST /v1/messages/count_tokens</c> body (no <c>max_tokens</c>).</summary>
    public static ParseResult<AnthropicMessagesRequest> ParseCountTokens(ReadOnlySpan<byte> body) => Parse(body, requireMaxTokens: false);

    private static ParseResult<AnthropicMessagesRequest> Parse(ReadOnlySpan<byte> body, bool requireMaxTokens)
    {
        var result = JsonRequestReader.Read(body, AnthropicJsonContext.Default.AnthropicMessagesRequest);
        if (!result.IsSuccess)
        {
            return result;
        }

        return Validate(result.Value, requireMaxTokens) is { } error ? error : result;
    }

    /// <summary>Checks a deserialized request; returns the first problem or null.</summary>
    public static ProtocolError? Validate(AnthropicMessagesRequest request, bool requireMaxTokens = true)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Model))
        {
            return new("model", "Field required.");
        }

        if (request.Messages is null)
        {
            return new("messages", "Field required.");
        }

        if (requireMaxTokens && request.MaxTokens is null)
        {
            return new("max_tokens", "Field required.");
        }

        if (request.MaxTokens is < 1)
        {
            return new("max_tokens", "Must be at least 1.");
        }

        if (request.Messages.Count == 0 && requireMaxTokens)
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

        if (request.System is { } system)
        {
            for (var i = 0; i < system.Count; i++)
            {
                var path = FieldPath.Index("system", i);
                if (system[i].Type != "text")
                {
                    return new(FieldPath.Property(path, "type"), "System blocks must be text blocks.");
                }

                if (system[i].Text is null)
                {
                    return new(FieldPath.Property(path, "text"), "Field required.");
                }
            }
        }

        if (request.Temperature is < 0 or > 1)
        {
            return new("temperature", "Must be between 0 and 1.");
        }

        if (request.TopP is < 0 or > 1)
        {
            return new("top_p", "Must be between 0 and 1.");
        }

        if (request.Tools is { } tools)
        {
            for (var i = 0; i < tools.Count; i++)
            {
                if (ValidateTool(tools[i], FieldPath.Index("tools", i)) is { } error)
                {
                    return error;
                }
            }
        }

        if (request.ToolChoice is { } choice)
        {
            if (choice.Type is not ("auto" or "any" or "tool" or "none"))
            {
                return new("tool_choice.type", "Must be auto, any, tool or none.");
            }

            if (choice.Type == "tool" && string.IsNullOrEmpty(choice.Name))
            {
                return new("tool_choice.name", "Field required when tool_choice.type is \"tool\".");
            }

            if (choice.Type == "tool" && request.Tools?.FirstOrDefault(tool => tool?.Name == choice.Name) is { IsCustom: false, IsWebSearch: false } forced)
            {
                // Forcing a server tool that will not be there cannot be honoured: say so rather than answer without it.
                return new("tool_choice.name", Tools.SearchNotices.Forced(forced.Type!));
            }
        }

        return ValidateThinking(request, requireMaxTokens);
    }

    private static ProtocolError? ValidateThinking(AnthropicMessagesRequest request, bool requireMaxTokens)
    {
        if (request.Thinking is not { } thinking)
        {
            return null;
        }

        switch (thinking.Type)
        {
            case "enabled":
                if (thinking.BudgetTokens is null)
                {
                    return new("thinking.budget_tokens", "Field required when thinking is enabled.");
                }

                if (thinking.BudgetTokens < 1024)
                {
                    return new("thinking.budget_tokens", "Must be at least 1024.");
                }

                if (requireMaxTokens && thinking.BudgetTokens >= request.MaxTokens)
                {
                    return new("thinking.budget_tokens", "Must be less than max_tokens.");
                }

                return null;
            case "disabled" or "adaptive":
                return null;
            default:
                return new("thinking.type", "Must be enabled, disabled or adaptive.");
        }
    }

    private static ProtocolError? ValidateMessage(AnthropicMessage? message, string path)
    {
        if (message is null)
        {
            return new(path, "Must be a message object.");
        }

        // "system" messages in the list are what Claude Code sends for mid-conversation instructions.
        if (message.Role is not ("user" or "assistant" or "system"))
        {
            return new(FieldPath.Property(path, "role"), message.Role is null ? "Field required." : "Must be \"user\", \"assistant\" or \"system\".");
        }

        var contentPath = FieldPath.Property(path, "content");
        if (message.Content is null)
        {
            return new(contentPath, "Field required.");
        }

        for (var j = 0; j < message.Content.Count; j++)
        {
            if (message.Role == "system" && message.Content[j].Type != "text")
            {
                return new(FieldPath.Property(FieldPath.Index(contentPath, j), "type"), "A system message holds text blocks only.");
            }

            if (ValidateBlock(message.Content[j], FieldPath.Index(contentPath, j), message.Role) is { } error)
            {
                return error;
            }
        }

        return null;
    }

    private static ProtocolError? ValidateBlock(AnthropicContentBlock block, string path, string role)
    {
        var typePath = FieldPath.Property(path, "type");
        switch (block.Type)
        {
            case null:
                return new(typePath, "Field required.");
            case "text":
                return block.Text is null ? new(FieldPath.Property(path, "text"), "Field required.") : null;
            case "image" or "document" when role == "user":
                return ValidateSource(block, path);
            case "tool_result" when role == "user":
                return ValidateToolResult(block, path);
            case "tool_use" when role == "assistant":
                if (string.IsNullOrEmpty(block.Id))
                {
                    return new(FieldPath.Property(path, "id"), "Field required.");
                }

                if (string.IsNullOrEmpty(block.Name))
                {
                    return new(FieldPath.Property(path, "name"), "Field required.");
                }

                return block.Input is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null) }
                    ? new(FieldPath.Property(path, "input"), "Must be an object.")
                    : null;
            case "thinking" when role == "assistant":
                return block.Thinking is null ? new(FieldPath.Property(path, "thinking"), "Field required.") : null;
            case "redacted_thinking" when role == "assistant":
                return block.Data is null ? new(FieldPath.Property(path, "data"), "Field required.") : null;
            case "server_tool_use" or "web_search_tool_result" when role == "assistant":
                // A web search the gateway answered earlier: the upstream searches anew, so these are history only.
                return null;
            case "image" or "document" or "tool_result" or "tool_use" or "thinking" or "redacted_thinking":
                return new(typePath, $"A \"{block.Type}\" block is not allowed in a {role} message.");
            default:
                return new(typePath, $"Unsupported content block type \"{block.Type}\".");
        }
    }

    private static ProtocolError? ValidateToolResult(AnthropicContentBlock block, string path)
    {
        if (string.IsNullOrEmpty(block.ToolUseId))
        {
            return new(FieldPath.Property(path, "tool_use_id"), "Field required.");
        }

        if (block.Content is not { } content)
        {
            return null;
        }

        var contentPath = FieldPath.Property(path, "content");
        for (var k = 0; k < content.Count; k++)
        {
            var inner = content[k];
            var innerPath = FieldPath.Index(contentPath, k);
            var error = inner.Type switch
            {
                "text" => inner.Text is null ? new ProtocolError(FieldPath.Property(innerPath, "text"), "Field required.") : null,
                "image" or "document" => ValidateSource(inner, innerPath),
                null => new ProtocolError(FieldPath.Property(innerPath, "type"), "Field required."),
                _ => new ProtocolError(FieldPath.Property(innerPath, "type"), "Tool results may contain text, image and document blocks only."),
            };
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    private static ProtocolError? ValidateSource(AnthropicContentBlock block, string path)
    {
        var sourcePath = FieldPath.Property(path, "source");
        if (block.Source is not { } source)
        {
            return new(sourcePath, "Field required.");
        }

        switch (source.Type)
        {
            case "base64":
                if (string.IsNullOrEmpty(source.MediaType))
                {
                    return new(FieldPath.Property(sourcePath, "media_type"), "Field required.");
                }

                return MediaReference.TryFromBase64(source.MediaType, source.Data ?? "", out _, out var error)
                    ? null
                    : new(FieldPath.Property(sourcePath, "data"), error);
            case "url":
                if (string.IsNullOrEmpty(source.Url))
                {
                    return new(FieldPath.Property(sourcePath, "url"), "Field required.");
                }

                return MediaReference.TryFromUrl(source.Url, out _, out var urlError) ? null : new(FieldPath.Property(sourcePath, "url"), urlError);
            case "text" when block.Type == "document":
                return source.Data is null ? new(FieldPath.Property(sourcePath, "data"), "Field required.") : null;
            default:
                return new(FieldPath.Property(sourcePath, "type"), "Must be base64 or url" + (block.Type == "document" ? " or text." : "."));
        }
    }

    private static ProtocolError? ValidateTool(AnthropicTool? tool, string path)
    {
        if (tool is null)
        {
            return new(path, "Must be a tool object.");
        }

        if (string.IsNullOrEmpty(tool.Name))
        {
            return new(FieldPath.Property(path, "name"), "Field required.");
        }

        if (tool.Type is null or "custom")
        {
            return tool.InputSchema is { ValueKind: JsonValueKind.Object }
                ? null
                : new(FieldPath.Property(path, "input_schema"), "Field required: a JSON Schema object.");
        }

        // Web search runs as Google Search grounding; other server tools are left out of the request, and said so.
        return null;
    }
}
