using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Antigravity.Dashboard.ProxyConfig;

namespace Antigravity.Dashboard.Endpoints;

/// <summary>Source-generated JSON (camelCase) for everything the admin API reads and writes.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ApiErrorResponse))]
[JsonSerializable(typeof(ProxyConfigResponse))]
[JsonSerializable(typeof(ProxyConfigPatchRequest))]
[JsonSerializable(typeof(ApiKeyResponse))]
[JsonSerializable(typeof(ProxyStatusResponse))]
internal sealed partial class DashboardJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The context with relaxed escaping: the bodies are JSON, never embedded in HTML, so quotes and angle brackets
    /// in messages stay readable instead of becoming <c>\u0027</c>.
    /// </summary>
    public static DashboardJsonContext Relaxed { get; } = new(CreateOptions());

    /// <summary>Applies the same relaxed escaping to <paramref name="options"/> (the minimal API's JSON options).</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        options.TypeInfoResolverChain.Insert(0, Default);
    }

    private static JsonSerializerOptions CreateOptions() =>
        new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
