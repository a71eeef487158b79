using System.Diagnostics.Metrics;
using Antigravity.AccountPool.Accounts;
using Antigravity.Contracts.Redis;

namespace Antigravity.AccountPool.Telemetry;

/// <summary>
/// The meter <c>Antigravity.AccountPool</c>: <c>antigravity.pool.accounts</c>, the number of accounts by state
/// (<c>active</c>, the pool's other states, or <c>disabled</c>), counted from Redis every
/// <see cref="Interval"/> so that a metrics export never waits on Redis.
/// </summary>
internal sealed partial class PoolMetrics : BackgroundService
{
    /// <summary>How often the accounts are counted.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    private readonly AccountStore _accounts;
    private readonly ILogger<PoolMetrics> _logger;
    private readonly Meter _meter = new("Antigravity.AccountPool");
    private volatile IReadOnlyDictionary<string, int> _byState = new Dictionary<string, int>();

    public PoolMetrics(AccountStore accounts, ILogger<PoolMetrics> logger)
    {
        _accounts = accounts;
        _logger = logger;
        _meter.CreateObservableGauge("antigravity.pool.accounts", Observe, "{account}", "Accounts in the pool, by state.");
    }

    private IEnumerable<Measurement<int>> Observe() =>
        _byState.Select(entry => new Measurement<int>(entry.Value, new KeyValuePair<string, object?>("antigravity.account.state", entry.Key)));

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await CountAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex.IsRedisOutage())
            {
                LogCountFailed(_logger, ex.Message); // The last counts stand until Redis answers again.
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>Counts the accounts by state now.</summary>
    internal async Task CountAsync(CancellationToken cancellationToken)
    {
        var accounts = await _accounts.ListAsync(cancellationToken).ConfigureAwait(false);
        _byState = accounts.GroupBy(account => account.Enabled ? account.State : "disabled", StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _meter.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Counting accounts by state failed: {Reason}")]
    private static partial void LogCountFailed(ILogger logger, string reason);
}
