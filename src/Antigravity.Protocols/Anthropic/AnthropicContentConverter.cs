using System.Text.Json.Serialization.Metadata;
using Antigravity.Protocols.Json;

namespace Antigravity.Protocols.Anthropic;

/// <summary>Reads content that is a string (one text block) or an array of blocks.</summary>
public sealed class AnthropicContentConverter : TextOrObjectListConverter<AnthropicContentBlock>
{
    /// <inheritdoc />
    protected override JsonTypeInfo<AnthropicContentBlock> ItemTypeInfo => AnthropicJsonContext.Default.AnthropicContentBlock;

    /// <inheritdoc />
    protected override string ItemNoun => "content block";

    /// <inheritdoc />
    protected override AnthropicContentBlock CreateText(string? text) => new() { Type = "text", Text = text };
}
