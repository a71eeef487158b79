using System.Text;
using System.Text.Json;
using Antigravity.Protocols.Anthropic;
using Antigravity.Protocols.Gemini;
using Antigravity.Protocols.Thinking;
using Antigravity.Protocols.Usage;

namespace Antigravity.Protocols.Translation;

/// <summary>Translates a whole Gemini answer into an Anthropic <c>message</c>.</summary>
public static class GeminiToAnthropic
{
    /// <summary>
    /// The first candidate becomes the content: consecutive thought parts one <c>thinking</c> block (its
    /// <c>signature</c> byte-exact; a trailing signature-only part closes it), consecutive text parts one
    /// <c>text</c> block, each function call a <c>tool_use</c> block (upstream id or a generated <c>toolu_…</c>)
    /// preceded by a signature carrier block when the call is signed (see
    /// <see cref="ResponseTranslationOptions.EmitSignatureCarrierBlocks"/>).
    /// </summary>
    public static TranslatedResponse<AnthropicMessagesResponse> Translate(GeminiGenerateContentResponse response, ResponseTranslationOptions options)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(options);
        var candidate = response.Candidates is { Count: > 0 } candidates ? candidates[0] : null;
        var blocks = new List<AnthropicContentBlock>();
        var signatures = new List<ToolCallSignature>();
        var builder = new BlockBuilder(blocks);
        var toolCount = 0;

        foreach (var part in candidate?.Content?.Parts ?? [])
        {
            if (part.FunctionCall is { } call)
            {
                builder.Close();
                var id = ToolCallIds.For(call.Id, ToolCallIds.AnthropicPrefix, options.Id, toolCount++);
                if (!string.IsNullOrEmpty(part.ThoughtSignature))
                {
                    signatures.Add(new ToolCallSignature(id, part.ThoughtSignature));
                    if (options.EmitSignatureCarrierBlocks)
                    {
                        blocks.Add(new AnthropicContentBlock { Type = "thinking", Thinking = "", Signature = part.ThoughtSignature });
                    }
                }

                blocks.Add(new AnthropicContentBlock
                {
                    Type = "tool_use",
                    Id = id,
                    Name = call.Name,
                    Caller = ToolOutput.DirectCaller,
                    Input = call.Args is { ValueKind: JsonValueKind.Object } args ? args : ToolOutput.EmptyObject,
                });
            }
            else if (part.Thought == true)
            {
                builder.AppendThinking(part.Text ?? "", part.ThoughtSignature);
            }
            else if (part.Text is { } text)
            {
                if (text.Length == 0 && part.ThoughtSignature is not null && builder.TrySignOpenThinking(part.ThoughtSignature))
                {
                    continue;
                }

                builder.AppendText(text);
            }
            else if (part.InlineData is { } blob)
            {
                builder.AppendText(GeminiToOpenAi.MarkdownImage(blob));
            }
        }

        builder.Close();
        var search = Grounding.WebGrounding.From(candidate?.GroundingMetadata);
        if (search is not null)
        {
            AddWebSearch(blocks, search, options.Id);
        }

        var usage = TokenUsage.FromGemini(response.UsageMetadata);
        var finish = candidate?.FinishReason ?? (response.PromptFeedback?.BlockReason is null ? null : "SAFETY");
        return new TranslatedResponse<AnthropicMessagesResponse>(
            new AnthropicMessagesResponse
            {
                Id = options.Id,
                Model = options.Model,
                Content = blocks,
                StopReason = FinishReasons.ToAnthropic(finish, toolCount > 0),
                Usage = usage.ToAnthropic() with { ServerToolUse = AnthropicWebSearch.Usage(search) },
            },
            usage,
            signatures);
    }

    /// <summary>
    /// Puts the searches before the first text block (the model searched before it wrote) and each citation on the
    /// text block that holds the cited span.
    /// </summary>
    private static void AddWebSearch(List<AnthropicContentBlock> blocks, Grounding.WebGrounding search, string responseId)
    {
        var answer = new StringBuilder();
        var ranges = new List<(int Block, int Start, int End)>();
        for (var i = 0; i < blocks.Count; i++)
        {
            if (blocks[i] is { Type: "text", Text: { } text })
            {
                ranges.Add((i, answer.Length, answer.Length + text.Length));
                answer.Append(text);
            }
        }

        var citations = search.Cite(answer.ToString());
        foreach (var (block, start, end) in ranges)
        {
            var cited = citations.Where(citation => citation.Start >= start && citation.End <= end).Select(AnthropicWebSearch.Citation).ToList();
            if (cited.Count > 0)
            {
                blocks[block] = blocks[block] with { Citations = cited };
            }
        }

        var first = ranges.Count > 0 ? ranges[0].Block : blocks.Count;
        blocks.InsertRange(first, AnthropicWebSearch.Blocks(AnthropicWebSearch.Searches(search, responseId)));
    }

    /// <summary>Merges consecutive text or thought parts into one block.</summary>
    private sealed class BlockBuilder(List<AnthropicContentBlock> blocks)
    {
        private readonly StringBuilder _text = new();
        private string? _kind;
        private string? _signature;

        public void AppendThinking(string text, string? signature)
        {
            if (_kind != "thinking" || _signature is not null)
            {
                // A signed thinking block is complete: a new thought starts a new block.
                Close();
                _kind = "thinking";
            }

            _text.Append(text);
            if (!string.IsNullOrEmpty(signature))
            {
                _signature = signature;
            }
        }

        public bool TrySignOpenThinking(string signature)
        {
            if (_kind != "thinking" || _signature is not null)
            {
                return false;
            }

            _signature = signature;
            return true;
        }

        public void AppendText(string text)
        {
            if (_kind != "text")
            {
                Close();
                _kind = "text";
            }

            _text.Append(text);
        }

        public void Close()
        {
            if (_kind == "thinking")
            {
                blocks.Add(new AnthropicContentBlock { Type = "thinking", Thinking = _text.ToString(), Signature = _signature ?? "" });
            }
            else if (_kind == "text" && _text.Length > 0)
            {
                blocks.Add(new AnthropicContentBlock { Type = "text", Text = _text.ToString() });
            }

            _text.Clear();
            _kind = null;
            _signature = null;
        }
    }
}
