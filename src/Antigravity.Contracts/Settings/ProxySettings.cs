using System.Text.Json.Serialization;

namespace Antigravity.Contracts.Settings;

/// <summary>
/// The proxy settings every gateway replica obeys, stored as one JSON document in Redis
/// (<see cref="RedisKeys.ProxySettings"/>) and changed only through <see cref="ProxySettingsStore"/>.
/// Start-up options (port, LAN access) are not here: they live in <see cref="ProxyHostOptions"/>.
/// </summary>
public sealed record ProxySettings
{
    /// <summary>Which requests need the API key.</summary>
    [JsonConverter(typeof(ProxyAuthModeJsonConverter))]
    public ProxyAuthMode AuthMode { get; init; } = ProxyAuthMode.Auto;

    /// <summary>
    /// The key clients send (<c>sk-…</c>), as stored: its hash (what the gateway compares) and its encrypted form
    /// (what the dashboard shows), never in clear (<see cref="ProxyApiKey"/>).
    /// </summary>
    public ProxyApiKey ApiKey { get; init; } = ProxyApiKey.None;

    /// <summary>False while the proxy is stopped: proxy routes then answer 503.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>How the account pool schedules accounts (modes, stickiness, quota protection, backoff).</summary>
    public SchedulingSettings Scheduling { get; init; } = new();

    /// <summary>
    /// Custom model mapping, client model name → upstream model name. Keys are exact names or <c>*</c> patterns;
    /// exact wins, then the most specific pattern, then the built-in table (see <see cref="ModelMappingRules"/>).
    /// </summary>
    public IReadOnlyDictionary<string, string> ModelMapping { get; init; } = new Dictionary<string, string>();

    /// <summary>How Anthropic requests use <c>anthropic-compatible</c> accounts (<see cref="AnthropicDispatchModes"/>, default off).</summary>
    public string AnthropicDispatch { get; init; } = AnthropicDispatchModes.Off;

    /// <summary>The request monitor's switches.</summary>
    public MonitorSettings Monitor { get; init; } = new();

    /// <summary>Increases by one on every change; replicas compare it to notice updates.</summary>
    public long Revision { get; init; }

    /// <summary>When the document was last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>Reads and writes <see cref="ProxyAuthMode"/> in its wire spelling.</summary>
public sealed class ProxyAuthModeJsonConverter : JsonConverter<ProxyAuthMode>
{
    /// <inheritdoc />
    public override ProxyAuthMode Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options) =>
        ProxyAuthModes.TryParse(reader.GetString(), out var mode)
            ? mode
            : throw new System.Text.Json.JsonException($"authMode must be one of {string.Join(", ", ProxyAuthModes.AllowedValues)}.");

    /// <inheritdoc />
    public override void Write(System.Text.Json.Utf8JsonWriter writer, ProxyAuthMode value, System.Text.Json.JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToWire());
}

/// <summary>Source-generated JSON for the settings documents.</summary>
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ProxySettings))]
public sealed partial class SettingsJsonContext : JsonSerializerContext;
