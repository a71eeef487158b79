using Antigravity.Protocols.Thinking;

namespace Antigravity.Protocols.Translation;

/// <summary>What a request translator needs besides the client's request.</summary>
public sealed record RequestTranslationOptions
{
    /// <summary>The upstream model (after <see cref="Models.ModelMapper"/>); decides the thinking settings.</summary>
    public required string UpstreamModel { get; init; }

    /// <summary>The session key (sticky session); needed to heal dropped signatures.</summary>
    public string? SessionKey { get; init; }

    /// <summary>Where signatures of earlier answers are kept; null disables healing.</summary>
    public ISignatureCache? SignatureCache { get; init; }
}
