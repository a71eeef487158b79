using System.Diagnostics.Metrics;
using Antigravity.AccountPool.Telemetry;
using Antigravity.AccountPool.Tests.Infrastructure;
using Antigravity.Contracts.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Antigravity.AccountPool.Tests.Telemetry;

public sealed class PoolMetricsTests(PoolFixture fixture) : PoolTestBase(fixture)
{
    [Fact]
    public async Task Accounts_by_state_count_serving_and_disabled_accounts()
    {
        await AddGeminiKeyAsync("AIzaSy-metrics-one-0000000000000000", "one");
        var second = await AddGeminiKeyAsync("AIzaSy-metrics-two-0000000000000000", "two");
        Assert.NotNull((await Pool.UpdateAccountAsync(second.Id, new UpdateAccountRequest { Enabled = false })).Value);

        var metrics = App.Services.GetServices<IHostedService>().OfType<PoolMetrics>().Single();
        await metrics.CountAsync(CancellationToken.None);

        Assert.Equal(new Dictionary<string, int> { ["active"] = 1, ["disabled"] = 1 }, Observe());
    }

    private static Dictionary<string, int> Observe()
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Antigravity.AccountPool" && instrument.Name == "antigravity.pool.accounts")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "antigravity.account.state")
                {
                    seen[(string)tag.Value!] = value;
                }
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return seen;
    }
}
