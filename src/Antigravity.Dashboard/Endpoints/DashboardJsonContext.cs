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
internal sealed partial class DashboardJsonContext : JsonSerializerContext;
