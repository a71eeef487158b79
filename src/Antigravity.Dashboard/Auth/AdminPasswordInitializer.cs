using Antigravity.Contracts.Redis;
using StackExchange.Redis;

namespace Antigravity.Dashboard.Auth;

/// <summary>
/// Puts the admin password's hash into Redis as soon as Redis answers, so the AppHost can confirm (and print) the one it offered right after
/// start. Retries in the background instead of failing the start while Redis is still coming up.
/// </summary>
internal sealed partial class AdminPasswordInitializer(AdminPassword password, ILogger<AdminPasswordInitializer> logger) : BackgroundService
{
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var warned = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await password.InitializeAsync(stoppingToken);
                return;
            }
            catch (Exception ex) when (ex.IsRedisOutage() || ex is RedisServerException)
            {
                if (!warned)
                {
                    Log.RedisUnavailable(logger, ex.Message);
                    warned = true;
                }
            }
            try
            {
                await Task.Delay(RetryEvery, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Could not store the dashboard admin password in Redis yet ({Reason}); retrying every 2 seconds.")]
        public static partial void RedisUnavailable(ILogger logger, string reason);
    }
}
