using Antigravity.Contracts.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Antigravity.AccountPool.Tests.Infrastructure;

/// <summary>One AccountPool replica in memory, on the shared Redis and emulator; logs captured.</summary>
public sealed class PoolApp(string redisConnectionString, string emulatorUrl, IReadOnlyDictionary<string, string>? extra = null) : WebApplicationFactory<Program>
{
    public CapturedLogs Logs { get; } = new();

    /// <summary>The typed client the gateway and dashboard use, pointed at this replica.</summary>
    public AccountPoolClient PoolClient => new(CreateClient());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:redis", redisConnectionString);
        builder.UseSetting("Upstream:OAuth:AuthorizeUrl", emulatorUrl + "/o/oauth2/v2/auth");
        builder.UseSetting("Upstream:OAuth:TokenUrl", emulatorUrl + "/token");
        builder.UseSetting("Upstream:OAuth:UserInfoUrl", emulatorUrl + "/oauth2/v2/userinfo");
        builder.UseSetting("Upstream:OAuth:ClientId", "emulator-client-id");
        builder.UseSetting("Upstream:OAuth:ClientSecret", "emulator-client-secret");
        builder.UseSetting("Upstream:CloudCode:BaseUrls:0", emulatorUrl);
        builder.UseSetting("Upstream:GeminiApi:BaseUrl", emulatorUrl);
        builder.UseSetting("Logging:LogLevel:Default", "Trace");
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(Logs));
    }
}
