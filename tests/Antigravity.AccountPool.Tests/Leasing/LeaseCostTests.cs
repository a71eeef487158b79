using Antigravity.AccountPool.Tests.Infrastructure;
using Antigravity.Contracts.Leasing;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Antigravity.AccountPool.Tests.Leasing;

/// <summary>What the gateway's hot path costs in Redis: the pool keeps its view in memory, so the cost does not grow with the pool.</summary>
public sealed class LeaseCostTests(PoolFixture fixture) : PoolTestBase(fixture)
{
    private const int Requests = 40;

    [Fact]
    public async Task A_lease_and_its_success_report_cost_one_Redis_command_each_with_1_or_60_accounts()
    {
        await AddGeminiKeyAsync("gemini-key-0");
        var withOne = await CommandsPerRequestAsync();
        for (var i = 1; i < 60; i++)
        {
            await AddGeminiKeyAsync($"gemini-key-{i}");
        }
        var withSixty = await CommandsPerRequestAsync();

        // Two per request (the claim script, the success script); the settings monitor's once-a-second check may add one.
        Assert.InRange(withOne, 2.0, 2.0 + 2.0 / Requests);
        Assert.InRange(withSixty, 2.0, 2.0 + 2.0 / Requests);
    }

    [Fact]
    public async Task Batched_success_reports_count_the_tokens_of_every_lease()
    {
        var account = await AddGeminiKeyAsync("gemini-key-0");
        var reports = new List<OutcomeReport>();
        for (var i = 0; i < 5; i++)
        {
            var lease = await LeaseAsync("gemini-2.5-pro");
            reports.Add(new OutcomeReport { LeaseId = lease.LeaseId, Outcome = new LeaseOutcome { Status = 200, Usage = new TokenUsage { InputTokens = 10, OutputTokens = 3 } } });
        }

        await Pool.ReportOutcomesAsync(reports);

        var view = await ViewAsync(account.Id);
        Assert.Equal(50, view.InputTokens);
        Assert.Equal(15, view.OutputTokens);
    }

    private async Task<double> CommandsPerRequestAsync()
    {
        // The first lease after a change reads the pool's view; the ones after it are the steady state.
        await LeaseAsync("gemini-2.5-pro");
        var redis = App.Services.GetRequiredService<IConnectionMultiplexer>();
        var before = redis.GetCounters().Interactive.OperationCount;
        for (var i = 0; i < Requests; i++)
        {
            var lease = await LeaseAsync("gemini-2.5-pro");
            await Pool.ReportOutcomeAsync(lease.LeaseId, new LeaseOutcome { Status = 200, Usage = new TokenUsage { InputTokens = 5, OutputTokens = 7 } });
        }
        return (redis.GetCounters().Interactive.OperationCount - before) / (double)Requests;
    }
}
