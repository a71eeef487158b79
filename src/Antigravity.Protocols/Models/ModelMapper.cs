namespace Antigravity.Protocols.Models;

/// <summary>
/// Resolves a requested model name: custom exact key, then custom <c>*</c> patterns (the most specific wins:
/// longest literal part, then fewer wildcards, then ordinal key order), then the built-in table, else the
/// name passes through unchanged.
/// </summary>
public static class ModelMapper
{
    /// <summary>Maps <paramref name="requested"/> using <paramref name="customMapping"/> (may be null or empty).</summary>
    /// <param name="requested">The model name the client sent.</param>
    /// <param name="customMapping">The custom mapping from the proxy settings.</param>
    /// <param name="thinkingRequested">
    /// True when the request asks for thinking (Anthropic <c>thinking</c>, OpenAI <c>reasoning_effort</c>): a
    /// built-in Sonnet mapping then picks the <c>-thinking</c> variant. Custom mappings are never altered.
    /// </param>
    public static ModelMapping Map(string requested, IReadOnlyDictionary<string, string>? customMapping = null, bool thinkingRequested = false)
    {
        ArgumentNullException.ThrowIfNull(requested);
        if (customMapping is { Count: > 0 })
        {
            if (customMapping.TryGetValue(requested, out var exact) && !string.IsNullOrEmpty(exact))
            {
                return new ModelMapping(requested, exact, ModelMappingSource.CustomExact, requested);
            }

            string? bestKey = null;
            foreach (var (key, target) in customMapping)
            {
                if (string.IsNullOrEmpty(target) || !key.Contains('*', StringComparison.Ordinal) || !WildcardPattern.IsMatch(key, requested))
                {
                    continue;
                }

                if (bestKey is null || WildcardPattern.CompareSpecificity(key, bestKey) > 0)
                {
                    bestKey = key;
                }
            }

            if (bestKey is not null)
            {
                return new ModelMapping(requested, customMapping[bestKey], ModelMappingSource.CustomWildcard, bestKey);
            }
        }

        return BuiltInModelTable.TryMap(requested, out var upstream)
            ? new ModelMapping(requested, thinkingRequested && upstream == BuiltInModelTable.Sonnet ? BuiltInModelTable.SonnetThinking : upstream, ModelMappingSource.BuiltIn)
            : new ModelMapping(requested, requested, ModelMappingSource.PassThrough);
    }
}
