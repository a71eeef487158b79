using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Antigravity.UpstreamEmulator.Logging;

namespace Antigravity.UpstreamEmulator.Control;

/// <summary><c>POST /_emulator/accounts</c>.</summary>
internal sealed record AccountRequest(
    string? Email,
    string? Name = null,
    string? RefreshToken = null,
    string? ProjectId = null,
    string? Tier = null,
    int? AccessTokenTtlSeconds = null,
    bool NoProject = false);

/// <summary><c>PATCH /_emulator/accounts</c>: change tier, project or token lifetime of an existing account.</summary>
internal sealed record AccountUpdateRequest(string? Target, string? Tier = null, string? ProjectId = null, int? AccessTokenTtlSeconds = null);

/// <summary>A body naming one account (refresh token or email) or one key.</summary>
internal sealed record TargetRequest(string? Target);

/// <summary><c>PUT /_emulator/quota</c>.</summary>
internal sealed record QuotaRequest(string? Target, string? Model, double? RemainingFraction, DateTimeOffset? ResetTime = null, string? ResetIn = null);

/// <summary><c>POST /_emulator/keys</c>.</summary>
internal sealed record KeyRequest(string? Kind, string? Key);

/// <summary><c>POST /_emulator/behaviours</c>.</summary>
internal sealed record BehaviourRequest(
    string? Action,
    string? Target = null,
    string? Model = null,
    int? Times = null,
    string? Scope = null,
    int? Status = null,
    int? RetryAfter = null,
    string? QuotaResetDelay = null,
    string? RetryDelay = null,
    int? DelayMs = null,
    int? AfterEvents = null,
    string? Message = null,
    string? ValidationUrl = null);

/// <summary>A function call in a scripted turn.</summary>
internal sealed record ScriptCallRequest(string? Name, JsonObject? Arguments = null);

/// <summary>One turn of <c>POST /_emulator/script</c>.</summary>
internal sealed record ScriptTurnRequest(
    string? Model = null,
    string? WhenText = null,
    string? AfterTool = null,
    ScriptCallRequest? Call = null,
    string? Text = null);

/// <summary><c>POST /_emulator/script</c>.</summary>
internal sealed record ScriptRequest(IReadOnlyList<ScriptTurnRequest>? Turns);

/// <summary>The turns still queued.</summary>
internal sealed record ScriptView(IReadOnlyList<ScriptTurnRequest> Turns);

internal sealed record QuotaView(double RemainingFraction, DateTimeOffset ResetTime);

internal sealed record AccountView(
    string Email,
    string Name,
    string RefreshToken,
    string? ProjectId,
    string Tier,
    bool Revoked,
    int AccessTokenTtlSeconds,
    IReadOnlyDictionary<string, QuotaView> Quotas);

internal sealed record KeyView(string Id, string Kind, string Key);

internal sealed record BehaviourView(
    string Id,
    string Target,
    string Model,
    string Action,
    string Scope,
    int? TimesLeft,
    int Hits,
    int? Status,
    int? RetryAfter,
    string? QuotaResetDelay,
    string? RetryDelay,
    int? DelayMs,
    int? AfterEvents,
    string? Message,
    string? ValidationUrl);

internal sealed record OAuthClientView(string ClientId, string ClientSecret);

internal sealed record StateView(
    OAuthClientView OauthClient,
    IReadOnlyList<AccountView> Accounts,
    IReadOnlyList<KeyView> Keys,
    IReadOnlyList<BehaviourView> Behaviours,
    IReadOnlyDictionary<string, string> Paths);

internal sealed record ControlError(string Error);

internal sealed record ControlOk(bool Ok, int? Count = null);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never, WriteIndented = true)]
[JsonSerializable(typeof(AccountRequest))]
[JsonSerializable(typeof(AccountUpdateRequest))]
[JsonSerializable(typeof(TargetRequest))]
[JsonSerializable(typeof(QuotaRequest))]
[JsonSerializable(typeof(KeyRequest))]
[JsonSerializable(typeof(BehaviourRequest))]
[JsonSerializable(typeof(ScriptRequest))]
[JsonSerializable(typeof(ScriptView))]
[JsonSerializable(typeof(AccountView))]
[JsonSerializable(typeof(KeyView))]
[JsonSerializable(typeof(BehaviourView))]
[JsonSerializable(typeof(IReadOnlyList<BehaviourView>))]
[JsonSerializable(typeof(StateView))]
[JsonSerializable(typeof(ControlError))]
[JsonSerializable(typeof(ControlOk))]
[JsonSerializable(typeof(IReadOnlyList<RequestLogEntry>))]
internal sealed partial class ControlJsonContext : JsonSerializerContext;
