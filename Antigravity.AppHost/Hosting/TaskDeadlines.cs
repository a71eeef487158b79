namespace Antigravity.AppHost.Hosting;

/// <summary>Waiting for a task without letting it hold up a shutdown.</summary>
internal static class TaskDeadlines
{
    /// <summary>True when <paramref name="task"/> completes (in any way) within <paramref name="timeout"/>.</summary>
    public static async Task<bool> CompletesWithinAsync(this Task task, TimeSpan timeout)
    {
        try
        {
            await task.WaitAsync(timeout).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (Exception) when (task.IsCompleted)
        {
            return true;
        }
    }
}
