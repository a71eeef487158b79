namespace Antigravity.Gateway.Upstream.Kinds;

/// <summary>The registered <see cref="IUpstreamKind"/>s, by account kind.</summary>
internal sealed class UpstreamKinds(IEnumerable<IUpstreamKind> kinds)
{
    private readonly Dictionary<string, IUpstreamKind> _byKind = kinds.ToDictionary(kind => kind.Kind, StringComparer.Ordinal);

    /// <summary>The kind's behaviour; <see cref="NotSupportedException"/> for a kind the gateway cannot call.</summary>
    public IUpstreamKind For(string kind) =>
        _byKind.TryGetValue(kind, out var found) ? found : throw new NotSupportedException($"The gateway cannot call accounts of kind '{kind}'.");

    /// <summary>The <c>gen_ai.system</c> of an account kind, <c>_OTHER</c> when unknown (or none was leased).</summary>
    public string GenAiSystemOf(string? kind) => kind is not null && _byKind.TryGetValue(kind, out var found) ? found.GenAiSystem : "_OTHER";
}
