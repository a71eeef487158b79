using System.Diagnostics.CodeAnalysis;

namespace Antigravity.Protocols.Models;

/// <summary>
/// The built-in table (reference v4.5): Claude Sonnet names → <c>claude-sonnet-4-6</c> (a <c>-thinking</c>
/// name keeps thinking), Opus → <c>claude-opus-4-6-thinking</c>, Haiku → <c>claude-sonnet-4-6</c>,
/// <c>gpt-4*</c> / <c>gpt-3.5*</c> → <c>gemini-2.5-flash</c>.
/// </summary>
public static class BuiltInModelTable
{
    /// <summary>The Sonnet target.</summary>
    public const string Sonnet = "claude-sonnet-4-6";

    /// <summary>The Sonnet target with thinking.</summary>
    public const string SonnetThinking = "claude-sonnet-4-6-thinking";

    /// <summary>The Opus target.</summary>
    public const string OpusThinking = "claude-opus-4-6-thinking";

    /// <summary>The target for OpenAI GPT-4 / GPT-3.5 names.</summary>
    public const string GptFallback = "gemini-2.5-flash";

    /// <summary>Looks <paramref name="requested"/> up in the table.</summary>
    public static bool TryMap(string requested, [NotNullWhen(true)] out string? upstream)
    {
        ArgumentNullException.ThrowIfNull(requested);
        var name = requested.ToLowerInvariant();
        if (name.StartsWith("models/", StringComparison.Ordinal))
        {
            name = name["models/".Length..];
        }

        upstream = null;
        if (name.StartsWith("claude", StringComparison.Ordinal))
        {
            if (name.Contains("opus", StringComparison.Ordinal))
            {
                upstream = OpusThinking;
            }
            else if (name.Contains("sonnet", StringComparison.Ordinal))
            {
                upstream = name.Contains("thinking", StringComparison.Ordinal) ? SonnetThinking : Sonnet;
            }
            else if (name.Contains("haiku", StringComparison.Ordinal))
            {
                upstream = Sonnet;
            }
        }
        else if (name.StartsWith("gpt-4", StringComparison.Ordinal) || name.StartsWith("gpt-3.5", StringComparison.Ordinal))
        {
            upstream = GptFallback;
        }

        return upstream is not null;
    }
}
