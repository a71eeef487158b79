using System.Text.Json;
using Antigravity.Protocols.Gemini;
using Antigravity.Protocols.Json;
using Antigravity.Protocols.OpenAi;
using Antigravity.Protocols.Schema;
using Antigravity.Protocols.Tools;

namespace Antigravity.Protocols.Translation;

/// <summary>Translates an OpenAI Chat Completions request into a Gemini <c>GenerateContentRequest</c>.</summary>
public static class OpenAiToGemini
{
    /// <summary>
    /// Translates a validated request (see <see cref="OpenAiRequestParser"/>). System and developer messages
    /// become <c>systemInstruction</c>; tool calls become <c>functionCall</c> parts carrying their signature
    /// (from <c>extra_content.google.thought_signature</c>, else healed from the cache); tool messages become
    /// <c>functionResponse</c> parts named after the call they answer. A tool message answering an unknown
    /// call id is a client error.
    /// </summary>
    public static async ValueTask<ParseResult<GeminiGenerateContentRequest>> TranslateAsync(
        OpenAiChatRequest request,
        RequestTranslationOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        var messages = request.Messages ?? [];
        var system = new List<GeminiPart>();
        var contents = new GeminiContentBuilder();
        var callNames = new Dictionary<string, string>(StringComparer.Ordinal);

        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i]!;
            var path = FieldPath.Index("messages", i);
            switch (message.Role)
            {
                case "system" or "developer":
                    foreach (var part in message.Content ?? [])
                    {
                        if (part.Type == "text" && !string.IsNullOrEmpty(part.Text))
                        {
                            system.Add(new GeminiPart { Text = part.Text });
                        }
                    }

                    break;
                case "user":
                    AddUserParts(message, contents);
                    break;
                case "assistant":
                    await AddAssistantPartsAsync(message, options, contents, callNames, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    var callId = message.ToolCallId ?? message.Name ?? "";
                    if (!callNames.TryGetValue(callId, out var name))
                    {
                        if (message.Role == "function" && message.Name is { Length: > 0 })
                        {
                            name = message.Name;
                        }
                        else
                        {
                            return new ProtocolError(FieldPath.Property(path, "tool_call_id"), $"No earlier assistant tool call has id \"{callId}\".");
                        }
                    }

                    contents.Add("user", new GeminiPart
                    {
                        FunctionResponse = new GeminiFunctionResponse
                        {
                            Id = message.ToolCallId,
                            Name = name,
                            Response = ToolOutput.Create(JoinText(message.Content), isError: false),
                        },
                    });
                    break;
            }
        }

        GeminiGenerationConfig? config;
        try
        {
            config = BuildGenerationConfig(request, options);
        }
        catch (SchemaTooLargeException tooLarge)
        {
            return new ProtocolError("response_format.json_schema.schema", "The response schema is too large: " + tooLarge.Message);
        }
        var notices = new List<string>(request.ToolNotices ?? []);
        var tools = BuildTools(request.Tools, request.WebSearchOptions, notices, out var toolError);
        if (toolError is not null)
        {
            return toolError;
        }
        return ParseResult<GeminiGenerateContentRequest>.Success(new GeminiGenerateContentRequest
        {
            Contents = contents.Build(),
            SystemInstruction = system.Count > 0 ? new GeminiContent { Role = "user", Parts = system } : null,
            Tools = tools,
            // Search needs no forcing (the model decides); a choice among functions needs functions.
            ToolConfig = request.Tools is { Count: > 0 } ? BuildToolConfig(request.ToolChoice) : null,
            GenerationConfig = config,
            ToolNotices = notices.Count > 0 ? notices : null,
            RequiredBuiltInTool = request.RequiredBuiltInTool,
        });
    }

    private static void AddUserParts(OpenAiChatMessage message, GeminiContentBuilder contents)
    {
        foreach (var part in message.Content ?? [])
        {
            if (part.Type == "text")
            {
                contents.Add("user", new GeminiPart { Text = part.Text });
            }
            else if (part.ImageUrl?.Url is { } url && MediaReference.TryFromUrl(url, out var media, out _))
            {
                contents.Add("user", media);
            }
        }
    }

    private static async ValueTask AddAssistantPartsAsync(
        OpenAiChatMessage message,
        RequestTranslationOptions options,
        GeminiContentBuilder contents,
        Dictionary<string, string> callNames,
        CancellationToken cancellationToken)
    {
        foreach (var part in message.Content ?? [])
        {
            if (part.Type == "text")
            {
                contents.Add("model", new GeminiPart { Text = part.Text });
            }
        }

        foreach (var call in message.ToolCalls ?? [])
        {
            var id = call!.Id!;
            var name = call.Function!.Name!;
            callNames[id] = name;
            var signature = call.ExtraContent?.Google?.ThoughtSignature;
            if (string.IsNullOrEmpty(signature) && options is { SignatureCache: { } cache, SessionKey: { Length: > 0 } session })
            {
                signature = await cache.GetAsync(session, id, cancellationToken).ConfigureAwait(false);
            }

            contents.Add("model", new GeminiPart
            {
                FunctionCall = new GeminiFunctionCall { Id = id, Name = name, Args = ParseArguments(call.Function.Arguments) },
                ThoughtSignature = string.IsNullOrEmpty(signature) ? null : signature,
            });
        }
    }

    private static JsonElement ParseArguments(string? arguments)
    {
        if (string.IsNullOrWhiteSpace(arguments))
        {
            return ToolOutput.EmptyObject;
        }

        using var document = JsonDocument.Parse(arguments);
        return document.RootElement.Clone();
    }

    private static string JoinText(IReadOnlyList<OpenAiContentPart>? parts)
    {
        if (parts is null)
        {
            return "";
        }

        if (parts.Count == 1)
        {
            return parts[0].Text ?? "";
        }

        return string.Join("\n", parts.Where(p => p.Type == "text").Select(p => p.Text));
    }

    private static IReadOnlyList<GeminiTool>? BuildTools(IReadOnlyList<OpenAiTool?>? tools, OpenAiWebSearchOptions? search, List<string> notices, out ProtocolError? error)
    {
        error = null;
        var result = new List<GeminiTool>(2);
        if (tools is { Count: > 0 })
        {
            var declarations = new List<GeminiFunctionDeclaration>(tools.Count);
            for (var i = 0; i < tools.Count; i++)
            {
                var function = tools[i]!.Function!;
                if (!SchemaCleaning.TryCleanParameters(function.Parameters, function.Name, $"tools[{i}].function.parameters", out var parameters, out error))
                {
                    return null;
                }

                declarations.Add(new GeminiFunctionDeclaration
                {
                    Name = function.Name,
                    Description = function.Description,
                    Parameters = parameters,
                });
            }

            result.Add(new GeminiTool { FunctionDeclarations = declarations });
        }

        if (search is not null)
        {
            result.Add(new GeminiTool { GoogleSearch = ToolOutput.EmptyObject });
            if (search.UserLocation is { ValueKind: not JsonValueKind.Null })
            {
                notices.Add(SearchNotices.Ignored("user_location"));
            }

            if (search.AllowedDomains is { Count: > 0 })
            {
                notices.Add(SearchNotices.Ignored("allowed_domains"));
            }
        }

        return result.Count > 0 ? result : null;
    }

    private static GeminiToolConfig? BuildToolConfig(JsonElement? choice)
    {
        if (choice is not { } value)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            var mode = value.GetString() switch
            {
                "none" => "NONE",
                "required" => "ANY",
                _ => "AUTO",
            };
            return new GeminiToolConfig { FunctionCallingConfig = new GeminiFunctionCallingConfig { Mode = mode } };
        }

        if (value.ValueKind == JsonValueKind.Object && value.GetProperty("function").GetProperty("name").GetString() is { } name)
        {
            return new GeminiToolConfig
            {
                FunctionCallingConfig = new GeminiFunctionCallingConfig { Mode = "ANY", AllowedFunctionNames = [name] },
            };
        }

        return null;
    }

    private static GeminiGenerationConfig? BuildGenerationConfig(OpenAiChatRequest request, RequestTranslationOptions options)
    {
        var maxTokens = request.MaxCompletionTokens ?? request.MaxTokens;
        var thinking = ThinkingConfigMapper.FitToOutputLimit(
            ThinkingConfigMapper.FromReasoningEffort(request.ReasoningEffort, options.UpstreamModel), maxTokens);
        string? mimeType = null;
        JsonElement? schema = null;
        if (request.ResponseFormat?.Type is "json_object" or "json_schema")
        {
            mimeType = "application/json";
            if (request.ResponseFormat.JsonSchema?.Schema is { } responseSchema)
            {
                schema = GeminiSchemaCleaner.Clean(responseSchema);
            }
        }

        var config = new GeminiGenerationConfig
        {
            Temperature = request.Temperature,
            TopP = request.TopP,
            TopK = request.TopK,
            MaxOutputTokens = maxTokens,
            StopSequences = request.Stop is { Count: > 0 } stop ? stop : null,
            CandidateCount = request.N is > 1 ? request.N : null,
            PresencePenalty = request.PresencePenalty,
            FrequencyPenalty = request.FrequencyPenalty,
            Seed = request.Seed,
            ResponseMimeType = mimeType,
            ResponseSchema = schema,
            ThinkingConfig = thinking,
        };
        return config == new GeminiGenerationConfig() ? null : config;
    }
}
