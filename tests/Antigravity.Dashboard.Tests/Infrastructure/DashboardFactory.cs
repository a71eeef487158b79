using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace Antigravity.Dashboard.Tests.Infrastructure;

/// <summary>
/// The dashboard in memory against a real Redis. Settings are passed as configuration keys
/// (<c>Proxy:Port</c>, <c>Dashboard:AdminPassword</c> …). A request header <see cref="ClientIpHeader"/>
/// stands for the client's address, so throttling per address can be tested. The account pool is a
/// <see cref="FakeAccountPool"/> (one active account unless the test passes its own).
/// </summary>
public sealed class DashboardFactory(string redisConnectionString, IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? time = null, FakeAccountPool? pool = null)
    : WebApplicationFactory<Program>
{
    public const string ClientIpHeader = "X-Test-Client-IP";

    /// <summary>Everything the app logged.</summary>
    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:redis", redisConnectionString);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services =>
        {
            if (time is not null)
            {
                services.AddSingleton(time);
            }
            (pool ?? new FakeAccountPool()).AddTo(services);
            services.AddSingleton<IStartupFilter, ClientIpFromHeader>();
            services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs);
        });
    }

    /// <summary>A client that keeps cookies and does not follow redirects.</summary>
    public HttpClient CreateBrowser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A client sending <c>Authorization: Bearer <paramref name="password"/></c>.</summary>
    public HttpClient CreateAdminClient(string password)
    {
        var client = CreateBrowser();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", password);
        return client;
    }

    private sealed class ClientIpFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[ClientIpHeader], out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
