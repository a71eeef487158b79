using System.Text.Json;
using System.Text.Json.Serialization;
using Antigravity.Contracts.Leasing;

namespace Antigravity.Contracts.Accounts;

/// <summary>Source-generated JSON (web defaults: camelCase, nulls left out) for the pool's API.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AccountView))]
[JsonSerializable(typeof(IReadOnlyList<AccountView>))]
[JsonSerializable(typeof(AddAccountRequest))]
[JsonSerializable(typeof(UpdateAccountRequest))]
[JsonSerializable(typeof(ImportResult))]
[JsonSerializable(typeof(AccountExport))]
[JsonSerializable(typeof(OAuthStartRequest))]
[JsonSerializable(typeof(OAuthStartResponse))]
[JsonSerializable(typeof(OAuthExchangeRequest))]
[JsonSerializable(typeof(FieldError))]
[JsonSerializable(typeof(LeaseRequest))]
[JsonSerializable(typeof(AccountLease))]
[JsonSerializable(typeof(LeaseRefusal))]
[JsonSerializable(typeof(LeaseOutcome))]
[JsonSerializable(typeof(IReadOnlyList<OutcomeReport>))]
[JsonSerializable(typeof(OutcomeResponse))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class PoolJsonContext : JsonSerializerContext;
