using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Antigravity.UpstreamEmulator.Tests.Infrastructure;

/// <summary>
/// The emulator on real Kestrel sockets (a free port on 127.0.0.1), one per test class, so streaming, flushing
/// and connection cuts behave as they do for the gateway.
/// </summary>
public sealed class EmulatorFactory : WebApplicationFactory<Program>
{
    private readonly List<HttpClient> _clients = [];

    public EmulatorFactory()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First());
    }

    /// <summary>Where the emulator listens, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>A client over real sockets that does not follow redirects.</summary>
    public HttpClient CreateSocketClient()
    {
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = BaseAddress };
        _clients.Add(client);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _clients.ForEach(client => client.Dispose());
        }
        base.Dispose(disposing);
    }
}
