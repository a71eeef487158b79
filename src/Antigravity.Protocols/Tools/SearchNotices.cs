namespace Antigravity.Protocols.Tools;

/// <summary>The sentences a response carries (in <see cref="BuiltInTools.NoticeHeader"/>) about built-in tools.</summary>
public static class SearchNotices
{
    /// <summary>A web search option Google Search grounding has no field for.</summary>
    public static string Ignored(string option) =>
        $"web_search: {option} is not supported by Google Search grounding and was ignored";

    /// <summary>A built-in tool with no counterpart upstream, left out of the request.</summary>
    public static string Dropped(string tool) =>
        $"{tool}: this built-in tool cannot run on the gateway's upstreams and was left out";

    /// <summary>The 400 message for a built-in tool the request forces but nothing here can run.</summary>
    public static string Forced(string tool) =>
        $"The tool_choice forces the built-in tool \"{tool}\", which cannot run on this gateway's upstreams; let the model choose (auto) or declare a function tool instead.";
}
