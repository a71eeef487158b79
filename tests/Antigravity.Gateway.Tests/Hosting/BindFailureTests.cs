using System.Net.Sockets;
using Antigravity.Gateway.Hosting;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Configuration;

namespace Antigravity.Gateway.Tests.Hosting;

public sealed class BindFailureTests
{
    [Fact]
    public void Kestrels_address_in_use_failure_becomes_the_reference_sentence()
    {
        var kestrel = new IOException(
            "Failed to bind to address http://127.0.0.1:8045: address already in use.",
            new AddressInUseException("Address already in use"));

        Assert.Equal("failed to bind address 127.0.0.1:8045: address already in use", BindFailure.Describe(kestrel, null));
    }

    [Fact]
    public void The_configured_address_is_used_when_the_message_names_none()
    {
        var failure = new SocketException((int)SocketError.AccessDenied);

        Assert.Equal("failed to bind address 0.0.0.0:80: permission denied", BindFailure.Describe(failure, "0.0.0.0:80"));
    }

    [Fact]
    public void Other_failures_are_not_bind_failures() =>
        Assert.Null(BindFailure.Describe(new InvalidOperationException("something else"), "127.0.0.1:8045"));

    [Theory]
    [InlineData(null, null, "http://127.0.0.1:8045")]
    [InlineData("9000", null, "http://127.0.0.1:9000")]
    [InlineData("9000", "true", "http://0.0.0.0:9000")]
    public void Without_aspnetcore_urls_the_proxy_section_decides_the_address(string? port, string? lan, string expected)
    {
        var values = new Dictionary<string, string?>();
        if (port is not null)
        {
            values["Proxy:Port"] = port;
        }
        if (lan is not null)
        {
            values["Proxy:AllowLanAccess"] = lan;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();

        Assert.Equal(expected, ListenAddress.From(configuration));
    }

    [Fact]
    public void Aspnetcore_urls_wins_over_the_proxy_section()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:5123",
            ["Proxy:Port"] = "9000",
        }).Build();

        Assert.Null(ListenAddress.From(configuration));
    }
}
