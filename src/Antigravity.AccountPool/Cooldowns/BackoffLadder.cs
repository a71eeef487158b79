namespace Antigravity.AccountPool.Cooldowns;

/// <summary>
/// The escalating cooldown used only when an upstream failure carries no reset hint: the n-th consecutive
/// failure (of an account for a model) waits the n-th step, the last step repeating (default 60 s, 5 min, 30 min, 2 h).
/// </summary>
internal static class BackoffLadder
{
    /// <summary>The default steps in seconds.</summary>
    public static readonly IReadOnlyList<int> DefaultSteps = [60, 300, 1800, 7200];

    /// <summary>The cooldown after a failure that follows <paramref name="previousFailures"/> consecutive ones.</summary>
    public static TimeSpan Step(IReadOnlyList<int>? steps, long previousFailures)
    {
        steps = steps is { Count: > 0 } ? steps : DefaultSteps;
        var index = (int)Math.Clamp(previousFailures, 0, steps.Count - 1);
        return TimeSpan.FromSeconds(steps[index]);
    }
}
