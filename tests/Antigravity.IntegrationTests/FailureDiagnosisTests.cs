using Antigravity.AppHost.Supervision;

namespace Antigravity.IntegrationTests;

/// <summary>The sentence a user reads when a child dies before it is healthy.</summary>
public sealed class FailureDiagnosisTests
{
    private const string Gateway = "gateway";

    [Fact]
    public void Kestrel_bind_failure_becomes_the_bind_sentence()
    {
        string[] tail =
        [
            "crit: Microsoft.Extensions.Hosting.Internal.Host[11] Hosting failed to start System.IO.IOException: Failed to bind to address http://127.0.0.1:8045: address already in use.",
            " ---> Microsoft.AspNetCore.Connections.AddressInUseException: Address already in use",
            "   at Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets.SocketTransportFactory.BindAsync()",
        ];

        Assert.Equal("gateway: failed to bind address 127.0.0.1:8045: address already in use", FailureDiagnosis.Explain(Gateway, 1, tail));
    }

    [Fact]
    public void An_unhandled_exception_is_named_with_the_exit_code()
    {
        string[] tail =
        [
            "info: Something[0] starting",
            "Unhandled exception. System.InvalidOperationException: No Redis connection string: set ConnectionStrings__redis",
            "   at Program.<Main>$(String[] args)",
        ];

        Assert.Equal(
            "gateway: exited with code 134 before it was healthy: System.InvalidOperationException: No Redis connection string: set ConnectionStrings__redis",
            FailureDiagnosis.Explain(Gateway, 134, tail));
    }

    [Fact]
    public void Otherwise_the_last_error_line_is_quoted()
    {
        string[] tail = ["starting", "fail: Startup[0] Options validation failed: Proxy:Port must be between 1 and 65535", "bye"];

        Assert.Equal(
            "gateway: exited with code 1 before it was healthy: fail: Startup[0] Options validation failed: Proxy:Port must be between 1 and 65535",
            FailureDiagnosis.Explain(Gateway, 1, tail));
    }
}
