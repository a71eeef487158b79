using System.Text;
using System.Text.Json.Nodes;
using Antigravity.UpstreamEmulator.Faults;

namespace Antigravity.UpstreamEmulator.Generation;

/// <summary>
/// Checks a Gemini <c>GenerateContentRequest</c> the way Google does (unknown fields, empty contents, roles,
/// tool schemas, thought signatures) and extracts what the reply planner needs.
/// </summary>
internal sealed class GeminiRequestReader(ThoughtSignatures signatures)
{
    private const string ThoughtSignatureHelp = "Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for more details.";
    private const string ClaudeThinkingHelp =
        "When `thinking` is enabled, a final `assistant` message must start with a thinking block (preceeding the lastmost set of `tool_use` and `tool_result` blocks). We recommend you include thinking blocks from previous turns. To avoid this requirement, disable `thinking`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking";

    private static readonly HashSet<string> s_requestFields = Normalized(
        "contents", "systemInstruction", "tools", "toolConfig", "generationConfig", "safetySettings",
        "sessionId", "cachedContent", "labels", "model");

    /// <summary>The JSON-Schema subset Gemini's <c>Schema</c> message accepts in <c>parameters</c>.</summary>
    private static readonly HashSet<string> s_schemaFields = Normalized(
        "type", "format", "title", "description", "nullable", "enum", "maxItems", "minItems", "properties",
        "required", "minProperties", "maxProperties", "minLength", "maxLength", "pattern", "example", "anyOf",
        "propertyOrdering", "default", "items", "minimum", "maximum");

    /// <param name="request">The GenerateContentRequest.</param>
    /// <param name="model">The model name without <c>models/</c>.</param>
    /// <param name="fieldPath">Where the request sits in the body, for error messages (<c>request</c> inside a Cloud Code envelope, null at top level).</param>
    public PromptSummary Read(JsonObject request, string model, string? fieldPath, out ErrorReply? error)
    {
        error = Validate(request, model, fieldPath);
        if (error is not null)
        {
            return new PromptSummary(model, "", null, [], false, 0);
        }
        var contents = request["contents"] as JsonArray ?? [];
        var (lastUserText, lastToolResult) = LastTurn(contents);
        return new PromptSummary(
            model,
            lastUserText,
            lastToolResult,
            Tools(request["tools"]),
            IsThinkingRequested(request, model),
            TokenCounter.CountSections(request["contents"], request["systemInstruction"] ?? request["system_instruction"], request["tools"]))
        {
            WebSearch = (request["tools"] as JsonArray ?? []).OfType<JsonObject>()
                .Any(tool => Field(tool, "googleSearch") is not null || Field(tool, "googleSearchRetrieval") is not null),
        };
    }

    public static bool IsThinkingRequested(JsonObject request, string model)
    {
        // Gemini 3 models always think (and always sign), like the real ones.
        if (model.Contains("thinking", StringComparison.OrdinalIgnoreCase) || model.StartsWith("gemini-3", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        var config = Field(Field(request, "generationConfig") as JsonObject, "thinkingConfig") as JsonObject;
        if (config is null)
        {
            return false;
        }
        if (Field(config, "includeThoughts") is JsonValue include && include.TryGetValue<bool>(out var on) && on)
        {
            return true;
        }
        if (Field(config, "thinkingBudget") is JsonValue budget && budget.TryGetValue<int>(out var tokens) && tokens != 0)
        {
            return true;
        }
        return Field(config, "thinkingLevel") is JsonValue level && level.TryGetValue<string>(out var name) && !string.IsNullOrEmpty(name);
    }

    private ErrorReply? Validate(JsonObject request, string model, string? fieldPath)
    {
        foreach (var (name, _) in request)
        {
            if (!s_requestFields.Contains(Normalize(name)))
            {
                return GoogleErrors.UnknownField(name, fieldPath);
            }
        }
        if (request["contents"] is not JsonArray { Count: > 0 } contents)
        {
            return GoogleErrors.InvalidArgument("* GenerateContentRequest.contents: contents is not specified\n");
        }
        for (var i = 0; i < contents.Count; i++)
        {
            if (contents[i] is not JsonObject content)
            {
                return GoogleErrors.InvalidJson($"Invalid value at '{Prefix(fieldPath)}contents[{i}]', expected an object.");
            }
            if (content["role"] is { } role && JsonBody.String(role) is not ("user" or "model" or ""))
            {
                return GoogleErrors.InvalidArgument("Please use a valid role: user, model.");
            }
            if (content["parts"] is not JsonArray { Count: > 0 } parts)
            {
                return GoogleErrors.InvalidArgument($"* GenerateContentRequest.contents[{i}].parts: contents.parts must not be empty.\n");
            }
            for (var j = 0; j < parts.Count; j++)
            {
                if (ValidatePart(parts[j], $"{Prefix(fieldPath)}contents[{i}].parts[{j}]") is { } partError)
                {
                    return partError;
                }
            }
        }
        return ValidateTools(request["tools"], fieldPath) ?? ValidateSignatures(contents, request, model);
    }

    private static ErrorReply? ValidatePart(JsonNode? part, string at)
    {
        if (part is not JsonObject obj)
        {
            return GoogleErrors.InvalidJson($"Invalid value at '{at}', expected an object.");
        }
        foreach (var (field, wire) in new[] { ("functionCall", "function_call"), ("functionResponse", "function_response") })
        {
            var value = Field(obj, field);
            if (value is null)
            {
                continue;
            }
            if (value is not JsonObject call)
            {
                return GoogleErrors.InvalidJson($"Invalid value at '{at}.{wire}', expected an object.");
            }
            if (call["name"] is { } name && JsonBody.String(name) is null)
            {
                return GoogleErrors.InvalidJson($"Invalid value at '{at}.{wire}.name' (TYPE_STRING), {name.ToJsonString(EmulatorJson.Compact)}");
            }
        }
        if (obj["text"] is { } text && JsonBody.String(text) is null)
        {
            return GoogleErrors.InvalidJson($"Invalid value at '{at}.text' (TYPE_STRING), {text.ToJsonString(EmulatorJson.Compact)}");
        }
        return null;
    }

    private static ErrorReply? ValidateTools(JsonNode? tools, string? fieldPath)
    {
        if (tools is not JsonArray list)
        {
            return null;
        }
        for (var t = 0; t < list.Count; t++)
        {
            var declarations = Field(list[t] as JsonObject, "functionDeclarations") as JsonArray;
            for (var d = 0; d < (declarations?.Count ?? 0); d++)
            {
                if (Field(declarations![d] as JsonObject, "parameters") is JsonObject parameters)
                {
                    var error = ValidateSchema(parameters, $"{Prefix(fieldPath)}tools[{t}].function_declarations[{d}].parameters");
                    if (error is not null)
                    {
                        return error;
                    }
                }
            }
        }
        return null;
    }

    private static ErrorReply? ValidateSchema(JsonObject schema, string at)
    {
        foreach (var (name, value) in schema)
        {
            if (!s_schemaFields.Contains(Normalize(name)))
            {
                return GoogleErrors.UnknownField(name, at);
            }
        }
        if (schema["type"] is JsonArray)
        {
            return GoogleErrors.InvalidJson($"Unknown name \"type\" at '{at}': Proto field is not repeating, cannot start list.");
        }
        if (schema["type"] is { } type && JsonBody.String(type) is null)
        {
            return GoogleErrors.InvalidJson($"Invalid value at '{at}.type' (type.googleapis.com/google.ai.generativelanguage.v1beta.Type), {type.ToJsonString(EmulatorJson.Compact)}");
        }
        if (schema["required"] is JsonArray required)
        {
            for (var i = 0; i < required.Count; i++)
            {
                if (JsonBody.String(required[i]) is null)
                {
                    return GoogleErrors.InvalidJson($"Invalid value at '{at}.required[{i}]' (TYPE_STRING), {required[i]?.ToJsonString(EmulatorJson.Compact) ?? "null"}");
                }
            }
        }
        if (schema["properties"] is JsonObject properties)
        {
            var index = 0;
            foreach (var (_, value) in properties)
            {
                if (value is JsonObject child && ValidateSchema(child, $"{at}.properties[{index}].value") is { } error)
                {
                    return error;
                }
                index++;
            }
        }
        if (schema["items"] is JsonObject items && ValidateSchema(items, $"{at}.items") is { } itemsError)
        {
            return itemsError;
        }
        if (schema["anyOf"] is JsonArray anyOf)
        {
            for (var i = 0; i < anyOf.Count; i++)
            {
                if (anyOf[i] is JsonObject option && ValidateSchema(option, $"{at}.any_of[{i}]") is { } optionError)
                {
                    return optionError;
                }
            }
        }
        return null;
    }

    private ErrorReply? ValidateSignatures(JsonArray contents, JsonObject request, string model)
    {
        var claude = model.StartsWith("claude", StringComparison.OrdinalIgnoreCase);
        for (var i = 0; i < contents.Count; i++)
        {
            var parts = (JsonArray)contents[i]!["parts"]!;
            for (var j = 0; j < parts.Count; j++)
            {
                if (Field(parts[j] as JsonObject, "thoughtSignature") is JsonValue value
                    && !signatures.IsValid(value.TryGetValue<string>(out var text) ? text : null))
                {
                    return GoogleErrors.InvalidArgument(claude
                        ? $"messages.{i}.content.{j}: Invalid `signature` in `thinking` block"
                        : "Corrupted thought signature.");
                }
            }
        }

        if (!IsThinkingRequested(request, model))
        {
            return null;
        }
        for (var i = 0; i < contents.Count; i++)
        {
            var content = (JsonObject)contents[i]!;
            if (JsonBody.String(content["role"]) != "model")
            {
                continue;
            }
            var parts = ((JsonArray)content["parts"]!).OfType<JsonObject>().ToList();
            var firstCall = parts.FirstOrDefault(p => p["functionCall"] is not null);
            if (firstCall is null)
            {
                continue;
            }
            if (claude)
            {
                // Claude checks only the final assistant turn: it must open with a signed thinking block.
                var isLastModelTurn = !contents.Skip(i + 1).Any(c => JsonBody.String((c as JsonObject)?["role"]) == "model");
                if (isLastModelTurn && !parts.Any(p => Field(p, "thoughtSignature") is not null))
                {
                    return GoogleErrors.InvalidArgument(
                        $"messages.{i}.content.0.type: Expected `thinking` or `redacted_thinking`, but found `tool_use`. {ClaudeThinkingHelp}");
                }
            }
            else if (Field(firstCall, "thoughtSignature") is null)
            {
                var name = JsonBody.String((firstCall["functionCall"] as JsonObject)?["name"]) ?? "";
                return GoogleErrors.InvalidArgument(
                    "Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly, and missing thought_signature may lead to degraded model performance. "
                    + $"Additional data, function call `default_api:{name}` , position {i + 1}. {ThoughtSignatureHelp}");
            }
        }
        return null;
    }

    private static (string Text, ToolResult? Result) LastTurn(JsonArray contents)
    {
        var last = contents.LastOrDefault() as JsonObject;
        var parts = last?["parts"] as JsonArray;
        var responses = parts?.OfType<JsonObject>().Select(p => Field(p, "functionResponse") as JsonObject).OfType<JsonObject>().ToList();
        if (responses is { Count: > 0 })
        {
            var response = responses[0];
            return ("", new ToolResult(JsonBody.String(response["name"]) ?? "tool", response["response"]?.ToJsonString(EmulatorJson.Compact) ?? "{}"));
        }
        for (var i = contents.Count - 1; i >= 0; i--)
        {
            if (contents[i] is JsonObject content && JsonBody.String(content["role"]) is null or "user")
            {
                var text = new StringBuilder();
                foreach (var part in (content["parts"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    if (part["text"] is JsonValue value && value.TryGetValue<string>(out var piece))
                    {
                        text.Append(piece);
                    }
                }
                if (text.Length > 0)
                {
                    return (text.ToString(), null);
                }
            }
        }
        return ("", null);
    }

    private static List<ToolDeclaration> Tools(JsonNode? tools)
    {
        var result = new List<ToolDeclaration>();
        foreach (var tool in (tools as JsonArray ?? []).OfType<JsonObject>())
        {
            foreach (var declaration in (Field(tool, "functionDeclarations") as JsonArray ?? []).OfType<JsonObject>())
            {
                if (declaration["name"] is JsonValue name && name.TryGetValue<string>(out var text))
                {
                    result.Add(new ToolDeclaration(text, (Field(declaration, "parameters") ?? Field(declaration, "parametersJsonSchema")) as JsonObject));
                }
            }
        }
        return result;
    }

    /// <summary>Reads a field by its proto JSON name or its snake_case original, as Google accepts both.</summary>
    public static JsonNode? Field(JsonObject? obj, string camelName)
    {
        if (obj is null)
        {
            return null;
        }
        if (obj[camelName] is { } value)
        {
            return value;
        }
        var snake = new StringBuilder();
        foreach (var c in camelName)
        {
            if (char.IsUpper(c))
            {
                snake.Append('_').Append(char.ToLowerInvariant(c));
            }
            else
            {
                snake.Append(c);
            }
        }
        return obj[snake.ToString()];
    }

    private static string Prefix(string? fieldPath) => fieldPath is null ? "" : fieldPath + ".";

    private static string Normalize(string name) => name.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();

    private static HashSet<string> Normalized(params string[] names) => new(names.Select(Normalize), StringComparer.Ordinal);
}
