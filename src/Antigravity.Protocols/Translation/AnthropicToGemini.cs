using Antigravity.Protocols.Anthropic;
using Antigravity.Protocols.Gemini;
using Antigravity.Protocols.Json;
using Antigravity.Protocols.Schema;
using Antigravity.Protocols.Tools;

namespace Antigravity.Protocols.Translation;

/// <summary>Translates an Anthropic Messages request into a Gemini <c>GenerateContentRequest</c>.</summary>
public static class AnthropicToGemini
{
    /// <summary>
    /// Translates a validated request (see <see cref="AnthropicRequestParser"/>).
    /// <list type="bullet">
    /// <item><c>thinking</c> blocks become thought parts with their signature byte-exact; a thinking block
    /// with empty text and a signature is the carrier <c>GeminiToAnthropic</c> emits for a function
    /// call's signature, and goes back onto that call; unsigned thinking blocks are dropped (the upstream
    /// would reject them).</item>
    /// <item><c>tool_use</c> becomes <c>functionCall</c>; a call without a signature is healed from the cache.</item>
    /// <item><c>tool_result</c> becomes <c>functionResponse</c> (<c>output</c>, or <c>error</c> when
    /// <c>is_error</c>), named after its <c>tool_use</c>; its images follow as inline parts.</item>
    /// </list>
    /// </summary>
    public static async ValueTask<ParseResult<GeminiGenerateContentRequest>> TranslateAsync(
        AnthropicMessagesRequest request,
        RequestTranslationOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        var contents = new GeminiContentBuilder();
        var toolNames = new Dictionary<string, string>(StringComparer.Ordinal);
        var messages = request.Messages ?? [];

        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i]!;
            if (message.Role == "system")
            {
                // Gemini has no system turns: their text joins the system instruction, in order.
                continue;
            }

            var role = message.Role == "assistant" ? "model" : "user";
            string? carriedSignature = null;
            var blocks = message.Content ?? [];
            for (var j = 0; j < blocks.Count; j++)
            {
                var block = blocks[j];
                switch (block.Type)
                {
                    case "text":
                        contents.Add(role, new GeminiPart { Text = block.Text });
                        break;
                    case "thinking" when string.IsNullOrEmpty(block.Thinking) && !string.IsNullOrEmpty(block.Signature):
                        carriedSignature = block.Signature;
                        break;
                    case "thinking" when !string.IsNullOrEmpty(block.Signature):
                        contents.Add(role, new GeminiPart { Thought = true, Text = block.Thinking, ThoughtSignature = block.Signature });
                        break;
                    case "image" or "document":
                        contents.Add(role, MediaPart(block));
                        break;
                    case "tool_use":
                        toolNames[block.Id!] = block.Name!;
                        var signature = carriedSignature;
                        carriedSignature = null;
                        if (signature is null && options is { SignatureCache: { } cache, SessionKey: { Length: > 0 } session })
                        {
                            signature = await cache.GetAsync(session, block.Id!, cancellationToken).ConfigureAwait(false);
                        }

                        contents.Add(role, new GeminiPart
                        {
                            FunctionCall = new GeminiFunctionCall
                            {
                                Id = block.Id,
                                Name = block.Name,
                                Args = block.Input is { ValueKind: System.Text.Json.JsonValueKind.Object } input ? input : ToolOutput.EmptyObject,
                            },
                            ThoughtSignature = string.IsNullOrEmpty(signature) ? null : signature,
                        });
                        break;
                    case "tool_result":
                        if (!toolNames.TryGetValue(block.ToolUseId!, out var name))
                        {
                            return new ProtocolError(
                                FieldPath.Property(FieldPath.Index(FieldPath.Property(FieldPath.Index("messages", i), "content"), j), "tool_use_id"),
                                $"No earlier tool_use block has id \"{block.ToolUseId}\".");
                        }

                        AddToolResult(block, name, contents);
                        break;
                }
            }
        }

        var notices = new List<string>();
        var tools = BuildTools(request.Tools, notices, out var toolError);
        if (toolError is not null)
        {
            return toolError;
        }
        var forced = request.ToolChoice is { Type: "tool" } choice ? request.Tools?.FirstOrDefault(tool => tool?.Name == choice.Name) : null;
        return ParseResult<GeminiGenerateContentRequest>.Success(new GeminiGenerateContentRequest
        {
            Contents = contents.Build(),
            SystemInstruction = BuildSystem(request.System, messages),
            Tools = tools,
            // Search needs no forcing (the model decides); a choice among functions needs functions.
            ToolConfig = forced is { IsWebSearch: true } || tools?.Any(tool => tool.FunctionDeclarations is not null) != true
                ? null
                : BuildToolConfig(request.ToolChoice),
            GenerationConfig = BuildGenerationConfig(request, options),
            ToolNotices = notices.Count > 0 ? notices : null,
            RequiredBuiltInTool = forced is { IsWebSearch: true } ? forced.Type : null,
        });
    }

    private static void AddToolResult(AnthropicContentBlock block, string name, GeminiContentBuilder contents)
    {
        var texts = new List<string>();
        var media = new List<GeminiPart>();
        foreach (var inner in block.Content ?? [])
        {
            if (inner.Type == "text")
            {
                texts.Add(inner.Text ?? "");
            }
            else
            {
                media.Add(MediaPart(inner));
            }
        }

        contents.Add("user", new GeminiPart
        {
            FunctionResponse = new GeminiFunctionResponse
            {
                Id = block.ToolUseId,
                Name = name,
                Response = ToolOutput.Create(string.Join("\n", texts), block.IsError == true),
            },
        });
        foreach (var part in media)
        {
            contents.Add("user", part);
        }
    }

    private static GeminiPart MediaPart(AnthropicContentBlock block)
    {
        var source = block.Source!;
        switch (source.Type)
        {
            case "text":
                return new GeminiPart { Text = source.Data };
            case "url" when MediaReference.TryFromUrl(source.Url!, out var urlPart, out _):
                return urlPart;
            default:
                MediaReference.TryFromBase64(source.MediaType!, source.Data!, out var part, out _);
                return part;
        }
    }

    private static GeminiContent? BuildSystem(IReadOnlyList<AnthropicContentBlock>? system, IReadOnlyList<AnthropicMessage?> messages)
    {
        var blocks = (system ?? []).Concat(messages.Where(message => message?.Role == "system").SelectMany(message => message!.Content ?? [])).ToList();
        if (blocks.Count == 0)
        {
            return null;
        }

        var parts = new List<GeminiPart>();
        foreach (var block in blocks)
        {
            if (!string.IsNullOrEmpty(block.Text))
            {
                parts.Add(new GeminiPart { Text = block.Text });
            }
        }

        return parts.Count > 0 ? new GeminiContent { Role = "user", Parts = parts } : null;
    }

    private static IReadOnlyList<GeminiTool>? BuildTools(IReadOnlyList<AnthropicTool?>? tools, List<string> notices, out ProtocolError? error)
    {
        error = null;
        if (tools is not { Count: > 0 })
        {
            return null;
        }

        var declarations = new List<GeminiFunctionDeclaration>();
        var search = false;
        for (var i = 0; i < tools.Count; i++)
        {
            var tool = tools[i]!;
            if (tool.IsCustom)
            {
                if (!SchemaCleaning.TryCleanParameters(tool.InputSchema, tool.Name, $"tools[{i}].input_schema", out var parameters, out error))
                {
                    return null;
                }

                declarations.Add(new GeminiFunctionDeclaration
                {
                    Name = tool.Name,
                    Description = tool.Description,
                    Parameters = parameters,
                });
            }
            else if (tool.IsWebSearch)
            {
                // Anthropic's server-side web search maps to Gemini's Google Search grounding, which takes no options.
                search = true;
                AddIgnored(notices, "max_uses", tool.MaxUses is not null);
                AddIgnored(notices, "allowed_domains", tool.AllowedDomains is { Count: > 0 });
                AddIgnored(notices, "blocked_domains", tool.BlockedDomains is { Count: > 0 });
                AddIgnored(notices, "user_location", tool.UserLocation is { ValueKind: not System.Text.Json.JsonValueKind.Null });
            }
            else
            {
                notices.Add(SearchNotices.Dropped(tool.Type!));
            }
        }

        var result = new List<GeminiTool>(2);
        if (declarations.Count > 0)
        {
            result.Add(new GeminiTool { FunctionDeclarations = declarations });
        }

        if (search)
        {
            result.Add(new GeminiTool { GoogleSearch = ToolOutput.EmptyObject });
        }

        return result.Count > 0 ? result : null;
    }

    private static void AddIgnored(List<string> notices, string option, bool present)
    {
        var notice = SearchNotices.Ignored(option);
        if (present && !notices.Contains(notice))
        {
            notices.Add(notice);
        }
    }

    private static GeminiToolConfig? BuildToolConfig(AnthropicToolChoice? choice)
    {
        if (choice is null)
        {
            return null;
        }

        var config = choice.Type switch
        {
            "none" => new GeminiFunctionCallingConfig { Mode = "NONE" },
            "any" => new GeminiFunctionCallingConfig { Mode = "ANY" },
            "tool" => new GeminiFunctionCallingConfig { Mode = "ANY", AllowedFunctionNames = [choice.Name!] },
            _ => new GeminiFunctionCallingConfig { Mode = "AUTO" },
        };
        return new GeminiToolConfig { FunctionCallingConfig = config };
    }

    private static GeminiGenerationConfig BuildGenerationConfig(AnthropicMessagesRequest request, RequestTranslationOptions options) => new()
    {
        Temperature = request.Temperature,
        TopP = request.TopP,
        TopK = request.TopK,
        MaxOutputTokens = request.MaxTokens,
        StopSequences = request.StopSequences is { Count: > 0 } stop ? stop : null,
        ThinkingConfig = ThinkingConfigMapper.FitToOutputLimit(
            ThinkingConfigMapper.FromAnthropic(request.Thinking?.Type, request.Thinking?.BudgetTokens, options.UpstreamModel),
            request.MaxTokens),
    };
}
