using Antigravity.Redis.Connections;

namespace Antigravity.Redis.Tests.Unit;

/// <summary>Connection state notices reach handlers in the order the changes happened, never two at once.</summary>
public sealed class SerialDispatcherTests
{
    [Fact]
    public async Task Callbacks_run_one_at_a_time_in_the_order_they_were_posted()
    {
        var dispatcher = new SerialDispatcher();
        var seen = new List<int>();
        var running = 0;
        var overlapped = false;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        const int Count = 5_000;

        for (var i = 0; i < Count; i++)
        {
            var n = i;
            dispatcher.Post(() =>
            {
                overlapped |= Interlocked.Increment(ref running) > 1;
                seen.Add(n); // unsynchronised on purpose: only one callback may run at a time
                Interlocked.Decrement(ref running);
            });
        }
        dispatcher.Post(() => done.SetResult());
        await done.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.False(overlapped);
        Assert.Equal(Enumerable.Range(0, Count), seen);
    }

    [Fact]
    public async Task A_callback_that_throws_does_not_stop_the_ones_after_it()
    {
        var dispatcher = new SerialDispatcher();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        dispatcher.Post(() => throw new InvalidOperationException("a handler failed"));
        dispatcher.Post(() => done.SetResult());

        await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
