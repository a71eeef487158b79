using Antigravity.Contracts.Accounts;
using Antigravity.Protocols.Upstreams;

namespace Antigravity.Gateway.Upstream;

/// <summary>The decoder that turns an account kind's stream into Gemini events (null: it already speaks Gemini).</summary>
internal static class UpstreamDecoders
{
    public static IUpstreamDecoder? For(string kind) => kind switch
    {
        AccountKinds.AnthropicCompatible => new AnthropicEventDecoder(),
        AccountKinds.OpenAiCompatible => new OpenAiChunkDecoder(),
        _ => null,
    };
}
