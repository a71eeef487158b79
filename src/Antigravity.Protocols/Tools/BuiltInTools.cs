using Antigravity.Protocols.Gemini;

namespace Antigravity.Protocols.Tools;

/// <summary>
/// The tools an upstream runs itself (Google Search grounding, code execution, URL context), as opposed to the
/// function tools the client runs. Only Gemini models on Google accounts and Gemini API keys have them; every
/// other upstream gets the request without them.
/// </summary>
public static class BuiltInTools
{
    /// <summary>Web search: OpenAI <c>web_search</c>, Anthropic <c>web_search_*</c>, Gemini <c>googleSearch</c>.</summary>
    public const string WebSearch = "web_search";

    /// <summary>Code execution: Gemini <c>codeExecution</c>.</summary>
    public const string CodeExecution = "code_execution";

    /// <summary>URL context: Gemini <c>urlContext</c>.</summary>
    public const string UrlContext = "url_context";

    /// <summary>The header that tells a client what the gateway left out of its request (and why).</summary>
    public const string NoticeHeader = "X-Antigravity-Tool-Notice";

    /// <summary>The built-in tools <paramref name="request"/> declares, each named once, in a fixed order.</summary>
    public static IReadOnlyList<string> Declared(GeminiGenerateContentRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var search = false;
        var code = false;
        var url = false;
        foreach (var tool in request.Tools ?? [])
        {
            search |= tool.GoogleSearch is not null || HasExtra(tool, "google_search", "googleSearchRetrieval", "google_search_retrieval");
            code |= tool.CodeExecution is not null || HasExtra(tool, "code_execution");
            url |= HasExtra(tool, "urlContext", "url_context");
        }

        if (!search && !code && !url)
        {
            return [];
        }

        var names = new List<string>(3);
        if (search)
        {
            names.Add(WebSearch);
        }

        if (code)
        {
            names.Add(CodeExecution);
        }

        if (url)
        {
            names.Add(UrlContext);
        }

        return names;
    }

    /// <summary><paramref name="request"/> with only its function declarations left among the tools.</summary>
    public static GeminiGenerateContentRequest WithoutBuiltIns(GeminiGenerateContentRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var functions = (request.Tools ?? []).Where(tool => tool.FunctionDeclarations is { Count: > 0 })
            .Select(tool => new GeminiTool { FunctionDeclarations = tool.FunctionDeclarations })
            .ToList();
        return request with
        {
            Tools = functions.Count == 0 ? null : functions,
            ToolConfig = functions.Count == 0 ? null : request.ToolConfig,
        };
    }

    private static bool HasExtra(GeminiTool tool, params ReadOnlySpan<string> names)
    {
        if (tool.Extra is not { Count: > 0 } extra)
        {
            return false;
        }

        foreach (var name in names)
        {
            if (extra.ContainsKey(name))
            {
                return true;
            }
        }

        return false;
    }
}
