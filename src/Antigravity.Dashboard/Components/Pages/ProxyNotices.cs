namespace Antigravity.Dashboard.Components.Pages;

/// <summary>The confirmations the API Proxy page shows after a change, keyed by the <c>notice</c> query value of the redirect.</summary>
internal static class ProxyNotices
{
    public const string AuthMode = "auth-mode";
    public const string ApiKey = "api-key";
    public const string Regenerated = "regenerated";
    public const string Started = "started";
    public const string Stopped = "stopped";
    public const string Routing = "routing";
    public const string ModelMapping = "model-mapping";

    public static string? Text(string? notice) => notice switch
    {
        AuthMode => "Auth mode saved. Every gateway applies it within a second.",
        ApiKey => "API key saved. Every gateway accepts only the new key within a second.",
        Regenerated => "New API key generated. Clients still using the old key get 401 until you update them.",
        Started => "Proxy started: clients are served again.",
        Stopped => "Proxy stopped: clients get 503 until you start it.",
        Routing => "Routing and monitor settings saved. Every gateway and the account pool apply them within a second.",
        ModelMapping => "Model mapping saved. Every gateway resolves model names with it within a second.",
        _ => null,
    };

    public static string Url(string notice) => "/proxy?notice=" + notice;
}
