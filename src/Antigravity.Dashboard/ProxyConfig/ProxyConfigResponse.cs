namespace Antigravity.Dashboard.ProxyConfig;

/// <summary>
/// The proxy configuration as the admin API shows it: the start-up options (read-only here), the stored
/// settings, and the auth mode actually enforced with a sentence explaining it.
/// </summary>
public sealed record ProxyConfigResponse
{
    /// <summary>Gateway port (start-up option <c>--port</c>).</summary>
    public required int Port { get; init; }

    /// <summary>Whether the gateway listens on every interface (start-up option <c>--allow-lan</c>).</summary>
    public required bool AllowLanAccess { get; init; }

    /// <summary>The configured auth mode: <c>off</c>, <c>strict</c>, <c>all_except_health</c> or <c>auto</c>.</summary>
    public required string AuthMode { get; init; }

    /// <summary>The mode actually enforced (<c>auto</c> resolved by LAN access).</summary>
    public required string EffectiveAuthMode { get; init; }

    /// <summary>One sentence explaining <see cref="EffectiveAuthMode"/>.</summary>
    public required string EffectiveAuthModeExplanation { get; init; }

    /// <summary>The key clients send.</summary>
    public required string ApiKey { get; init; }

    /// <summary>False while the proxy is stopped (proxy routes answer 503).</summary>
    public required bool Enabled { get; init; }

    /// <summary>Custom model mapping: client model name or <c>*</c> pattern → upstream model.</summary>
    public required IReadOnlyDictionary<string, string> ModelMapping { get; init; }

    /// <summary>How Anthropic requests use anthropic-compatible accounts: off, exclusive, pooled or fallback.</summary>
    public required string AnthropicDispatch { get; init; }

    /// <summary>How the pool picks accounts.</summary>
    public required Antigravity.Contracts.Settings.SchedulingSettings Scheduling { get; init; }

    /// <summary>The request monitor's switches.</summary>
    public required Antigravity.Contracts.Settings.MonitorSettings Monitor { get; init; }

    /// <summary>Revision of the stored settings; increases on every change.</summary>
    public required long Revision { get; init; }

    /// <summary>When the settings last changed.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>The body <c>PATCH /api/proxy/config</c> accepts; every field is optional.</summary>
public sealed record ProxyConfigPatchRequest
{
    /// <summary><c>off</c>, <c>strict</c>, <c>all_except_health</c> or <c>auto</c>.</summary>
    public string? AuthMode { get; init; }

    /// <summary>A new API key: starts with <c>sk-</c>, at least 10 printable characters, no spaces.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Start (<c>true</c>) or stop (<c>false</c>) the proxy.</summary>
    public bool? Enabled { get; init; }

    /// <summary>Replaces the custom model mapping (<c>{}</c> clears it).</summary>
    public IReadOnlyDictionary<string, string>? ModelMapping { get; init; }

    /// <summary><c>off</c>, <c>exclusive</c>, <c>pooled</c> or <c>fallback</c>.</summary>
    public string? AnthropicDispatch { get; init; }

    /// <summary>Scheduling fields to change: mode, maxWaitSeconds, preferredAccountId (null clears), quotaProtection {enabled, thresholdPercent}, backoffSeconds, allLimitedWaitSeconds.</summary>
    public System.Text.Json.JsonElement? Scheduling { get; init; }

    /// <summary>Monitor fields to change: enabled, logBodies, maxRecords.</summary>
    public System.Text.Json.JsonElement? Monitor { get; init; }
}

/// <summary>Answer of <c>POST /api/proxy/api-key</c>.</summary>
/// <param name="ApiKey">The new key, effective at once.</param>
public sealed record ApiKeyResponse(string ApiKey);

/// <summary>Whether the proxy is serving, where, and the base URLs clients use.</summary>
public sealed record ProxyStatusResponse
{
    /// <summary><c>running</c> or <c>stopped</c>.</summary>
    public required string Status { get; init; }

    /// <summary>Same as <see cref="Status"/> == <c>running</c>.</summary>
    public required bool Enabled { get; init; }

    /// <summary>Gateway port.</summary>
    public required int Port { get; init; }

    /// <summary>Whether the gateway listens on every interface.</summary>
    public required bool AllowLanAccess { get; init; }

    /// <summary>The address the gateway binds: <c>127.0.0.1</c> or <c>0.0.0.0</c>.</summary>
    public required string BindAddress { get; init; }

    /// <summary>The auth mode actually enforced.</summary>
    public required string EffectiveAuthMode { get; init; }

    /// <summary>Base URLs to configure in clients on this machine.</summary>
    public required GatewayBaseUrls BaseUrls { get; init; }
}

/// <summary>Base URLs per client family (seed 003: a wrong base URL is the usual cause of 404s).</summary>
/// <param name="OpenAi">OpenAI SDKs and compatible tools: <c>http://127.0.0.1:PORT/v1</c>.</param>
/// <param name="Anthropic">Claude Code and the Anthropic SDK: <c>http://127.0.0.1:PORT</c>.</param>
/// <param name="Gemini">Gemini SDK and CLI: <c>http://127.0.0.1:PORT</c>.</param>
public sealed record GatewayBaseUrls(string OpenAi, string Anthropic, string Gemini)
{
    /// <summary>The base URLs for a gateway reachable at <paramref name="host"/>:<paramref name="port"/>.</summary>
    public static GatewayBaseUrls For(string host, int port)
    {
        var root = $"http://{host}:{port.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        return new GatewayBaseUrls(root + "/v1", root, root);
    }
}
