using System.Text.Json;
using System.Text.Json.Serialization;
using Antigravity.AccountPool.Quota;

namespace Antigravity.AccountPool.Accounts;

/// <summary>Source-generated JSON for values stored inside the pool's Redis hashes.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
[JsonSerializable(typeof(ModelQuota))]
internal sealed partial class PoolStoreJsonContext : JsonSerializerContext;
