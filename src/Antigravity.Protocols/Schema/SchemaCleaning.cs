using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Antigravity.Protocols.Schema;

/// <summary>The translators' use of <see cref="GeminiSchemaCleaner"/>: a schema over budget is a 400 naming the tool.</summary>
internal static class SchemaCleaning
{
    public static bool TryCleanParameters(
        JsonElement? schema, string? toolName, string field, out JsonElement? cleaned, [NotNullWhen(false)] out ProtocolError? error)
    {
        try
        {
            cleaned = GeminiSchemaCleaner.CleanParameters(schema);
            error = null;
            return true;
        }
        catch (SchemaTooLargeException tooLarge)
        {
            cleaned = null;
            error = new ProtocolError(field, $"The parameter schema of tool \"{toolName}\" is too large: {tooLarge.Message}");
            return false;
        }
    }
}
