using System.Text.Json;
using System.Text.Json.Serialization;

namespace Antigravity.Contracts.Monitor;

/// <summary>Source-generated JSON (camelCase, nulls left out) for monitor records as stored and announced.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MonitorRecord))]
[JsonSerializable(typeof(MonitorBodies))]
[JsonSerializable(typeof(MonitorRecord[]))]
public sealed partial class MonitorJsonContext : JsonSerializerContext;
