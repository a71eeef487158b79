namespace Antigravity.Protocols.Models;

/// <summary>Where a mapped model name came from.</summary>
public enum ModelMappingSource
{
    /// <summary>A custom mapping key equal to the requested name.</summary>
    CustomExact,

    /// <summary>A custom <c>*</c> pattern (the most specific one that matched).</summary>
    CustomWildcard,

    /// <summary>The built-in table.</summary>
    BuiltIn,

    /// <summary>No rule matched: the name is sent upstream as requested.</summary>
    PassThrough,
}

/// <summary>The upstream model chosen for a requested name, and why.</summary>
/// <param name="Requested">The name the client sent.</param>
/// <param name="Upstream">The name sent upstream.</param>
/// <param name="Source">Which rule decided.</param>
/// <param name="Rule">The custom key or pattern that matched, if any.</param>
public sealed record ModelMapping(string Requested, string Upstream, ModelMappingSource Source, string? Rule = null);
