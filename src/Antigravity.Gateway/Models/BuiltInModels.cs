namespace Antigravity.Gateway.Models;

/// <summary>A model the gateway offers without any account-specific discovery.</summary>
/// <param name="Id">The name clients send.</param>
/// <param name="OwnedBy">Who makes it.</param>
internal sealed record BuiltInModel(string Id, string OwnedBy);

/// <summary>
/// The upstream models of the built-in model table (Claude Sonnet names → <c>claude-sonnet-4-6</c> and
/// its <c>-thinking</c> variant, Opus → <c>claude-opus-4-6-thinking</c>, Haiku → <c>claude-sonnet-4-6</c>,
/// <c>gpt-4*</c> / <c>gpt-3.5*</c> → <c>gemini-2.5-flash</c>). The pool's own models join them later.
/// </summary>
internal static class BuiltInModels
{
    public static readonly IReadOnlyList<BuiltInModel> All =
    [
        new("claude-sonnet-4-6", "anthropic"),
        new("claude-sonnet-4-6-thinking", "anthropic"),
        new("claude-opus-4-6-thinking", "anthropic"),
        new("gemini-2.5-flash", "google"),
    ];

    /// <summary>The model named <paramref name="id"/> (exact, case-insensitive), or null.</summary>
    public static BuiltInModel? Find(string id) =>
        All.FirstOrDefault(model => string.Equals(model.Id, id, StringComparison.OrdinalIgnoreCase));
}
