using System.Text.Json;
using Antigravity.Protocols.Anthropic;
using Antigravity.Protocols.Gemini;
using Antigravity.Protocols.Thinking;
using Antigravity.Protocols.Translation;

namespace Antigravity.Protocols.Upstreams;

/// <summary>
/// The hub request (Gemini <c>GenerateContentRequest</c>) as an Anthropic Messages request, for
/// <c>anthropic-compatible</c> accounts (z.ai and other Anthropic-style providers). Thought parts carrying a
/// signature become signed <c>thinking</c> blocks (byte-exact); unsigned thoughts are dropped, as Anthropic
/// would refuse them.
/// </summary>
public static class GeminiToAnthropicRequest
{
    /// <summary>Default <c>max_tokens</c> when the client set no limit (Anthropic requires one).</summary>
    public const int DefaultMaxTokens = 8192;

    /// <summary>Translates <paramref name="request"/> for <paramref name="model"/>; <paramref name="stream"/> asks for SSE.</summary>
    public static AnthropicMessagesRequest Translate(GeminiGenerateContentRequest request, string model, bool stream = true)
    {
        ArgumentNullException.ThrowIfNull(request);
        var messages = new List<AnthropicMessage?>();
        var pendingIds = new Dictionary<string, Queue<string>>(StringComparer.Ordinal);
        var callIndex = 0;
        foreach (var content in request.Contents ?? [])
        {
            if (content is null)
            {
                continue;
            }

            var role = content.Role == "model" ? "assistant" : "user";
            var blocks = new List<AnthropicContentBlock>();
            foreach (var part in content.Parts ?? [])
            {
                if (part.FunctionCall is { } call)
                {
                    var id = ToolCallIds.For(call.Id, ToolCallIds.AnthropicPrefix, "hub", callIndex++);
                    if (!pendingIds.TryGetValue(call.Name ?? "", out var queue))
                    {
                        pendingIds[call.Name ?? ""] = queue = new Queue<string>();
                    }

                    queue.Enqueue(id);
                    blocks.Add(new AnthropicContentBlock
                    {
                        Type = "tool_use",
                        Id = id,
                        Name = call.Name,
                        Input = call.Args is { ValueKind: JsonValueKind.Object } args ? args : ToolOutput.EmptyObject,
                    });
                }
                else if (part.FunctionResponse is { } response)
                {
                    var id = response.Id ?? (pendingIds.TryGetValue(response.Name ?? "", out var queue) && queue.Count > 0
                        ? queue.Dequeue()
                        : ToolCallIds.For(null, ToolCallIds.AnthropicPrefix, "hub-orphan", callIndex++));
                    blocks.Add(new AnthropicContentBlock
                    {
                        Type = "tool_result",
                        ToolUseId = id,
                        Content = [new AnthropicContentBlock { Type = "text", Text = ToolResultText(response.Response) }],
                        IsError = response.Response is { ValueKind: JsonValueKind.Object } r && r.TryGetProperty("error", out _) ? true : null,
                    });
                }
                else if (part.Thought == true)
                {
                    if (!string.IsNullOrEmpty(part.ThoughtSignature))
                    {
                        if (string.IsNullOrEmpty(part.Text) && blocks.Count > 0 && blocks[^1] is { Type: "thinking", Signature: null } open)
                        {
                            blocks[^1] = open with { Signature = part.ThoughtSignature };
                        }
                        else
                        {
                            blocks.Add(new AnthropicContentBlock { Type = "thinking", Thinking = part.Text ?? "", Signature = part.ThoughtSignature });
                        }
                    }
                    else if (!string.IsNullOrEmpty(part.Text))
                    {
                        // Held until a signature arrives in a following empty thought part; dropped otherwise.
                        blocks.Add(new AnthropicContentBlock { Type = "thinking", Thinking = part.Text });
                    }
                }
                else if (part.InlineData is { } blob)
                {
                    var isPdf = blob.MimeType == "application/pdf";
                    blocks.Add(new AnthropicContentBlock
                    {
                        Type = isPdf ? "document" : "image",
                        Source = new AnthropicSource { Type = "base64", MediaType = blob.MimeType, Data = blob.Data },
                    });
                }
                else if (part.FileData is { } file)
                {
                    blocks.Add(new AnthropicContentBlock
                    {
                        Type = file.MimeType == "application/pdf" ? "document" : "image",
                        Source = new AnthropicSource { Type = "url", Url = file.FileUri },
                    });
                }
                else if (!string.IsNullOrEmpty(part.Text))
                {
                    blocks.Add(new AnthropicContentBlock { Type = "text", Text = part.Text });
                }
            }

            blocks.RemoveAll(block => block is { Type: "thinking", Signature: null });
            if (blocks.Count == 0)
            {
                continue;
            }

            // Anthropic wants turns to alternate: consecutive turns of one role are merged.
            if (messages.Count > 0 && messages[^1] is { } last && last.Role == role)
            {
                messages[^1] = last with { Content = [.. last.Content ?? [], .. blocks] };
            }
            else
            {
                messages.Add(new AnthropicMessage { Role = role, Content = blocks });
            }
        }

        var config = request.GenerationConfig;
        var thinking = ThinkingFor(config);
        var maxTokens = config?.MaxOutputTokens ?? DefaultMaxTokens;
        if (thinking?.BudgetTokens is int budget && maxTokens <= budget)
        {
            maxTokens = budget + DefaultMaxTokens;
        }

        return new AnthropicMessagesRequest
        {
            Model = model,
            Messages = messages,
            MaxTokens = maxTokens,
            System = request.SystemInstruction?.Parts is { Count: > 0 } system
                ? [.. system.Where(p => !string.IsNullOrEmpty(p.Text)).Select(p => new AnthropicContentBlock { Type = "text", Text = p.Text })]
                : null,
            Stream = stream ? true : null,
            // Anthropic allows no temperature/top_k changes while thinking.
            Temperature = thinking is null && config?.Temperature is double t ? Math.Clamp(t, 0, 1) : null,
            TopP = thinking is null ? config?.TopP : null,
            TopK = thinking is null ? config?.TopK : null,
            StopSequences = config?.StopSequences,
            Tools = Tools(request.Tools),
            ToolChoice = ToolChoice(request.ToolConfig),
            Thinking = thinking,
        };
    }

    private static AnthropicThinking? ThinkingFor(GeminiGenerationConfig? config)
    {
        if (config?.ThinkingConfig is not { } thinking)
        {
            return null;
        }

        if (thinking.ThinkingBudget is 0 || (thinking.ThinkingBudget is null && thinking.IncludeThoughts != true && thinking.ThinkingLevel is null))
        {
            return null;
        }

        var budget = thinking.ThinkingBudget is int b and > 0 ? b : thinking.ThinkingLevel?.ToLowerInvariant() switch
        {
            "low" or "minimal" => 2048,
            "high" => 16384,
            _ => 8192,
        };
        return new AnthropicThinking { Type = "enabled", BudgetTokens = Math.Max(1024, budget) };
    }

    private static List<AnthropicTool?>? Tools(IReadOnlyList<GeminiTool>? tools)
    {
        var declared = (tools ?? []).SelectMany(tool => tool.FunctionDeclarations ?? []).ToList();
        return declared.Count == 0
            ? null
            : [.. declared.Select(d => new AnthropicTool
            {
                Name = d.Name,
                Description = d.Description,
                InputSchema = d.ParametersJsonSchema ?? (d.Parameters is { ValueKind: JsonValueKind.Object } p ? SchemaCase.Lower(p) : EmptySchema),
            })];
    }

    private static AnthropicToolChoice? ToolChoice(GeminiToolConfig? config) => config?.FunctionCallingConfig?.Mode?.ToUpperInvariant() switch
    {
        "ANY" when config.FunctionCallingConfig.AllowedFunctionNames is [var only] => new AnthropicToolChoice { Type = "tool", Name = only },
        "ANY" => new AnthropicToolChoice { Type = "any" },
        "NONE" => new AnthropicToolChoice { Type = "none" },
        "AUTO" => new AnthropicToolChoice { Type = "auto" },
        _ => null,
    };

    private static string ToolResultText(JsonElement? response)
    {
        if (response is not { ValueKind: JsonValueKind.Object } value)
        {
            return response?.GetRawText() ?? "";
        }

        foreach (var key in new[] { "output", "result", "content", "error" })
        {
            if (value.TryGetProperty(key, out var inner))
            {
                return inner.ValueKind == JsonValueKind.String ? inner.GetString()! : inner.GetRawText();
            }
        }

        return value.GetRawText();
    }

    private static readonly JsonElement EmptySchema = JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement.Clone();
}
