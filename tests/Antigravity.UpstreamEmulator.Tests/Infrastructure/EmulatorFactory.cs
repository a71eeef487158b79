using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Antigravity.UpstreamEmulator.Tests.Infrastructure;

/// <summary>The emulator in memory, one per test class.</summary>
public sealed class EmulatorFactory : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }
}
