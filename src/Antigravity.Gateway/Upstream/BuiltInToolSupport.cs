using Antigravity.Contracts.Leasing;
using Antigravity.Gateway.Upstream.Kinds;

namespace Antigravity.Gateway.Upstream;

/// <summary>
/// Which accounts can run the built-in tools (Google Search grounding, code execution, URL context): Gemini models
/// on Google accounts and Gemini API keys. Claude models served by Cloud Code and the translated provider calls get
/// the request without them, and the answer says so; a provider that receives the client's own request (pass-through)
/// gets the tools as the client declared them and decides itself.
/// </summary>
internal static class BuiltInToolSupport
{
    /// <summary>True when <paramref name="lease"/> (of <paramref name="kind"/>) runs the built-in tools of <paramref name="call"/> as declared.</summary>
    public static bool CanRun(UpstreamCall call, AccountLease lease, IUpstreamKind kind) =>
        call.PassesThroughTo(kind) || kind.RunsBuiltInTools(lease.UpstreamModel);

    /// <summary>
    /// What the answer of <paramref name="call"/> on <paramref name="lease"/> must tell the client: what the
    /// translation left out, and the built-in tools this account cannot run. Empty when nothing was left out.
    /// </summary>
    public static IReadOnlyList<string> Notices(UpstreamCall call, AccountLease lease, IUpstreamKind kind)
    {
        if (call.BuiltInTools.Count == 0 || CanRun(call, lease, kind))
        {
            return call.ToolNotices;
        }

        var notices = new List<string>(call.ToolNotices);
        foreach (var tool in call.BuiltInTools)
        {
            notices.Add($"{tool}: the account that answered ({lease.Kind}, {lease.UpstreamModel}) cannot run this built-in tool, so it was left out");
        }

        return notices;
    }
}
