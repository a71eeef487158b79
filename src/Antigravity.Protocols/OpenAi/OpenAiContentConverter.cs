using System.Text.Json.Serialization.Metadata;
using Antigravity.Protocols.Json;

namespace Antigravity.Protocols.OpenAi;

/// <summary>Reads message content that is a string, an array of parts, or null.</summary>
public sealed class OpenAiContentConverter : TextOrObjectListConverter<OpenAiContentPart>
{
    /// <inheritdoc />
    protected override JsonTypeInfo<OpenAiContentPart> ItemTypeInfo => OpenAiJsonContext.Default.OpenAiContentPart;

    /// <inheritdoc />
    protected override string ItemNoun => "content part";

    /// <inheritdoc />
    protected override OpenAiContentPart CreateText(string? text) => new() { Type = "text", Text = text };
}
