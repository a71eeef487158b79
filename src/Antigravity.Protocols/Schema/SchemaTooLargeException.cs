using System.Globalization;

namespace Antigravity.Protocols.Schema;

/// <summary>
/// A schema whose <c>$ref</c>s, once inlined for Gemini, would grow beyond the cleaner's node budget
/// (<see cref="GeminiSchemaCleaner.NodeBudget"/>): a client error, answered with a 400 naming the tool.
/// </summary>
public sealed class SchemaTooLargeException(int limit)
    : Exception(string.Create(CultureInfo.InvariantCulture,
        $"Inlining its $ref/$defs would produce more than {limit:N0} schema nodes (at most {GeminiSchemaCleaner.ExpansionFactor}× the schema's own size, never more than {GeminiSchemaCleaner.MaxNodes:N0}); reuse fewer nested definitions or flatten the schema."))
{
    /// <summary>The node budget that was exceeded.</summary>
    public int Limit { get; } = limit;
}
