using Antigravity.Protocols.Thinking;
using Antigravity.Protocols.Usage;

namespace Antigravity.Protocols.Translation;

/// <summary>A translated non-streaming answer with what the gateway records and caches.</summary>
/// <typeparam name="T">The client protocol's response body.</typeparam>
/// <param name="Body">The body to serialize to the client.</param>
/// <param name="Usage">Token usage.</param>
/// <param name="Signatures">Signatures of tool calls to store with <see cref="SignatureCacheExtensions.StoreAsync"/>.</param>
public sealed record TranslatedResponse<T>(T Body, TokenUsage Usage, IReadOnlyList<ToolCallSignature> Signatures);
