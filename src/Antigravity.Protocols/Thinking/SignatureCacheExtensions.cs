namespace Antigravity.Protocols.Thinking;

/// <summary>Helpers over <see cref="ISignatureCache"/>.</summary>
public static class SignatureCacheExtensions
{
    /// <summary>Stores every captured signature of one answer (what the response translators report).</summary>
    public static async ValueTask StoreAsync(
        this ISignatureCache cache,
        string sessionKey,
        IEnumerable<ToolCallSignature> signatures,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentException.ThrowIfNullOrEmpty(sessionKey);
        ArgumentNullException.ThrowIfNull(signatures);
        foreach (var signature in signatures)
        {
            await cache.SetAsync(sessionKey, signature.ToolCallId, signature.Signature, cancellationToken).ConfigureAwait(false);
        }
    }
}
