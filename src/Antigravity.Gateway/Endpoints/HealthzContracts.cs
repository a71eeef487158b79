using System.Text.Json.Serialization;

namespace Antigravity.Gateway.Endpoints;

/// <summary>
/// <c>/healthz</c>: <c>status</c> is <c>ok</c> whenever the process answers; the other fields say what
/// it depends on, without any secret.
/// </summary>
/// <param name="Status">Always <c>ok</c>.</param>
/// <param name="Version">The build's informational version.</param>
/// <param name="Redis"><c>connected</c> or <c>disconnected</c>.</param>
/// <param name="Settings"><c>loaded</c> or <c>not_loaded</c>.</param>
/// <param name="Proxy"><c>running</c>, <c>stopped</c>, or <c>unknown</c> before the settings are loaded.</param>
/// <param name="UptimeSeconds">Seconds since the process started.</param>
/// <param name="SettingsRevision">Revision of the settings this replica applies (0 before they are loaded): compare replicas after a change.</param>
internal sealed record HealthzResponse(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("redis")] string Redis,
    [property: JsonPropertyName("settings")] string Settings,
    [property: JsonPropertyName("proxy")] string Proxy,
    [property: JsonPropertyName("uptime_seconds")] long UptimeSeconds,
    [property: JsonPropertyName("settings_revision")] long SettingsRevision);
