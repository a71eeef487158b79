namespace Antigravity.AccountPool.Endpoints;

/// <summary>Says once, at start, that the internal API runs without a credential (a service run on its own).</summary>
internal sealed partial class InternalApiKeyWarning(InternalCallerPolicy policy, ILogger<InternalApiKeyWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!policy.CredentialRequired)
        {
            Log.NoCredential(logger);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
            Message = "Internal:ApiKey is not set: the internal API (/internal/…) answers any program on this machine without a credential. The AppHost sets one; set Internal__ApiKey when running the services yourself.")]
        public static partial void NoCredential(ILogger logger);
    }
}
