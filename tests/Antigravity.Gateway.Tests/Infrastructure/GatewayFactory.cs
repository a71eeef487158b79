using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Antigravity.Gateway.Tests.Infrastructure;

/// <summary>
/// One gateway in memory (TestServer) talking to a real Redis. Several may share one Redis to play
/// replicas behind a load balancer.
/// </summary>
public sealed class GatewayFactory(
    string redisConnectionString,
    bool allowLanAccess = false,
    string? presetApiKey = null,
    Action<IWebHostBuilder>? configure = null)
    : WebApplicationFactory<Program>
{
    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:redis", redisConnectionString);
        builder.UseSetting("Proxy:AllowLanAccess", allowLanAccess ? "true" : "false");
        if (presetApiKey is not null)
        {
            builder.UseSetting("Proxy:ApiKey", presetApiKey);
        }
        builder.ConfigureServices(services => services.AddLogging(logging =>
        {
            logging.AddProvider(Logs);
            logging.SetMinimumLevel(LogLevel.Debug);
        }));
        configure?.Invoke(builder);
    }
}
