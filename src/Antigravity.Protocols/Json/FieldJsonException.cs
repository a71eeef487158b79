using System.Text.Json;

namespace Antigravity.Protocols.Json;

/// <summary>
/// Thrown by the protocol's custom converters so that a problem found inside a nested value keeps its
/// relative path (e.g. <c>[1].type</c>); System.Text.Json then sets <see cref="JsonException.Path"/> to the
/// property the converter was reading, and <see cref="JsonRequestReader"/> joins the two.
/// </summary>
internal sealed class FieldJsonException(string relativePath, string message) : JsonException(message)
{
    public string RelativePath { get; } = relativePath;
}
