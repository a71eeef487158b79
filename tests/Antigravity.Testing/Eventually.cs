namespace Antigravity.Testing;

/// <summary>Waits for a condition with a deadline: the replacement for sleeps in tests.</summary>
public static class Eventually
{
    /// <summary>How long to wait between two checks.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);

    /// <summary>
    /// Polls <paramref name="condition"/> until it returns true; throws <see cref="TimeoutException"/> naming
    /// <paramref name="what"/> when <paramref name="timeout"/> passes first. An exception thrown by the
    /// condition counts as "not yet" and is reported if the deadline passes.
    /// </summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + timeout;
        Exception? lastError = null;
        while (true)
        {
            try
            {
                if (await condition().ConfigureAwait(false))
                {
                    return;
                }
                lastError = null;
            }
            catch (Exception ex)
            {
                lastError = ex;
            }
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException(
                    $"Timed out after {timeout.TotalSeconds:0.#} s waiting until {what}." +
                    (lastError is null ? "" : $" Last error: {lastError.GetType().Name}: {lastError.Message}"),
                    lastError);
            }
            await Task.Delay(PollInterval).ConfigureAwait(false);
        }
    }

    /// <summary>Synchronous-condition overload of <see cref="WaitUntilAsync(Func{Task{bool}}, TimeSpan, string)"/>.</summary>
    public static Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return WaitUntilAsync(() => Task.FromResult(condition()), timeout, what);
    }
}
