namespace Antigravity.Protocols.Thinking;

/// <summary>
/// Remembers, per session, the thought signature that belonged to each tool call the model made, so that a
/// client that drops the signature when it sends the conversation back can be healed. Implementations:
/// <see cref="InMemorySignatureCache"/> here, a Redis-backed one in the gateway. A cache never invents a
/// signature: a miss stays a miss.
/// </summary>
public interface ISignatureCache
{
    /// <summary>The signature stored for <paramref name="toolCallId"/> in <paramref name="sessionKey"/>, or null.</summary>
    ValueTask<string?> GetAsync(string sessionKey, string toolCallId, CancellationToken cancellationToken = default);

    /// <summary>Stores <paramref name="signature"/> byte-exact for <paramref name="toolCallId"/> in <paramref name="sessionKey"/>.</summary>
    ValueTask SetAsync(string sessionKey, string toolCallId, string signature, CancellationToken cancellationToken = default);
}
