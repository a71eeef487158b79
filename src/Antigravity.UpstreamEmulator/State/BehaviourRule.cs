using Antigravity.UpstreamEmulator.Generation;

namespace Antigravity.UpstreamEmulator.State;

/// <summary>The scripted behaviours the emulator can play.</summary>
internal static class BehaviourActions
{
    public const string QuotaExhausted = "quota_exhausted";
    public const string RateLimited = "rate_limited";
    public const string CapacityExhausted = "capacity_exhausted";
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string ValidationRequired = "validation_required";
    public const string ServerError = "server_error";
    public const string SlowFirstByte = "slow_first_byte";
    public const string CutStream = "cut_stream";
    public const string StallStream = "stall_stream";
    public const string InvalidGrant = "invalid_grant";

    public static readonly IReadOnlyList<string> All =
    [
        QuotaExhausted, RateLimited, CapacityExhausted, Unauthorized, Forbidden, ValidationRequired,
        ServerError, SlowFirstByte, CutStream, StallStream, InvalidGrant,
    ];

    /// <summary>Actions that answer with an error instead of the normal reply.</summary>
    public static bool IsFailure(string action) =>
        action is not (SlowFirstByte or CutStream or StallStream);
}

/// <summary>Where a rule applies.</summary>
internal static class BehaviourScopes
{
    /// <summary>Generation calls only: generateContent, streamGenerateContent, messages, chat completions (the default).</summary>
    public const string Generation = "generation";

    /// <summary>Every authenticated call of the target: also loadCodeAssist, onboardUser, fetchAvailableModels, countTokens and count_tokens.</summary>
    public const string Any = "any";
}

/// <summary>
/// One scripted behaviour. <see cref="Times"/> null means sticky (applies until removed); a number is a queue
/// entry consumed by that many matching requests.
/// </summary>
internal sealed class BehaviourRule
{
    public required string Id { get; init; }
    public required string Target { get; init; }
    public required string Model { get; init; }
    public required string Action { get; init; }
    public required string Scope { get; init; }
    public int? Times { get; set; }
    public int? Status { get; init; }
    public int? RetryAfterSeconds { get; init; }
    public string? QuotaResetDelay { get; init; }
    public string? RetryDelay { get; init; }
    public int? DelayMs { get; init; }
    public int? AfterEvents { get; init; }
    public string? Message { get; init; }
    public string? ValidationUrl { get; init; }
    public int Hits { get; set; }

    public bool MatchesModel(string? model) => ModelPattern.Matches(Model, model);
}

/// <summary>What the scripted rules say about one request: an optional failure, delay, stream cut and stream stall.</summary>
internal sealed record ScriptedOutcome(BehaviourRule? Failure, BehaviourRule? Delay, BehaviourRule? Cut, BehaviourRule? Stall = null)
{
    public static readonly ScriptedOutcome None = new(null, null, null);

    /// <summary>Events written before the stream falls silent, or null when it never stalls.</summary>
    public int? StallAfterEvents => Stall is null ? null : Math.Max(0, Stall.AfterEvents ?? 1);

    /// <summary>How long the stream stays silent.</summary>
    public TimeSpan StallFor => Stall?.DelayMs is int ms ? TimeSpan.FromMilliseconds(ms) : TimeSpan.Zero;

    public TimeSpan FirstByteDelay => Delay?.DelayMs is int ms ? TimeSpan.FromMilliseconds(ms) : TimeSpan.Zero;

    /// <summary>Events to write before the connection is cut, or null when the stream runs to its end.</summary>
    public int? CutAfterEvents => Cut is null ? null : Math.Max(0, Cut.AfterEvents ?? 1);
}
