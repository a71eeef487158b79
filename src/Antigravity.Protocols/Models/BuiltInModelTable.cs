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

    /// <summary>
    /// The table as rules a user can read (the dashboard shows them), each with an example name that
    /// <see cref="TryMap"/> maps to the rule's target; tests keep the two in step.
    /// </summary>
    public static IReadOnlyList<BuiltInModelRule> Rules { get; } =
    [
        new("claude*opus*", "claude-opus-4-5-20251101", OpusThinking),
        new("claude*sonnet*thinking*", "claude-sonnet-4-5-thinking", SonnetThinking),
        new("claude*sonnet*", "claude-sonnet-4-5-20250929", Sonnet, "the -thinking variant when the request asks for thinking"),
        new("claude*haiku*", "claude-haiku-4-5", Sonnet),
        new("gpt-4*", "gpt-4o", GptFallback),
        new("gpt-3.5*", "gpt-3.5-turbo", GptFallback),
    ];

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

/// <summary>One row of the built-in table as the user reads it.</summary>
/// <param name="Pattern">Which names the row covers (any case; a <c>models/</c> prefix is ignored).</param>
/// <param name="Example">A name the row maps.</param>
/// <param name="Upstream">The upstream model it maps to.</param>
/// <param name="Note">A remark, when the row has one.</param>
public sealed record BuiltInModelRule(string Pattern, string Example, string Upstream, string? Note = null);
