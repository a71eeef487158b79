namespace Antigravity.AccountPool.Quota;

/// <summary>An account's quota for one model, as <c>fetchAvailableModels</c> reported it.</summary>
internal sealed record ModelQuota
{
    public required string Model { get; init; }
    public string? DisplayName { get; init; }
    public double? RemainingFraction { get; init; }
    public DateTimeOffset? ResetTime { get; init; }
}
