using Antigravity.Contracts.Leasing;
using Antigravity.Gateway.Upstream;

namespace Antigravity.Gateway.Tests.Upstream;

/// <summary>A batch of outcomes carries one success per lease, with the usage of every request it served.</summary>
public sealed class OutcomeCoalescingTests
{
    private static OutcomeReport Report(string lease, int status, long input = 0, long output = 0) => new()
    {
        LeaseId = lease,
        Outcome = new LeaseOutcome { Status = status, Usage = status == 200 ? new TokenUsage { InputTokens = input, OutputTokens = output } : null },
    };

    [Fact]
    public void Successes_on_one_lease_become_one_report_with_their_usage_summed_and_failures_stay_apart()
    {
        var batch = new List<OutcomeReport>
        {
            Report("held", 200, 10, 3),
            Report("other", 200, 1, 1),
            Report("held", 400),
            Report("held", 200, 20, 4),
            Report("held", 502),
            Report("held", 200, 5, 0),
        };

        OutcomeReporter.Coalesce(batch);

        // The lease's success comes where its last one was: after the 502, which it follows in time.
        Assert.Equal([("other", 200), ("held", 400), ("held", 502), ("held", 200)], batch.Select(r => (r.LeaseId, r.Outcome.Status)));
        Assert.Equal(35, batch[3].Outcome.Usage!.InputTokens);
        Assert.Equal(7, batch[3].Outcome.Usage!.OutputTokens);
        Assert.Equal(1, batch[0].Outcome.Usage!.InputTokens);
    }
}
