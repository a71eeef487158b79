using System.Text.Json;
using System.Text.Json.Serialization;
using Antigravity.Contracts.Monitor;

namespace Antigravity.Dashboard.Monitor;

/// <summary>Source-generated JSON (camelCase, nulls written) for the monitor and statistics routes.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(MonitorRequestsResponse))]
[JsonSerializable(typeof(MonitorRecordDetail))]
[JsonSerializable(typeof(MonitorRecord))]
[JsonSerializable(typeof(MonitorClearResponse))]
[JsonSerializable(typeof(TokenStatsResponse))]
[JsonSerializable(typeof(StatsSummaryResponse))]
internal sealed partial class MonitorApiJsonContext : JsonSerializerContext;
