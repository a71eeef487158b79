using System.Net.Security;
using Antigravity.Redis.Tests.Infrastructure;
using Antigravity.Testing;

namespace Antigravity.Redis.Tests.Integration;

public sealed class TlsTests
{
    [Theory]
    [MemberData(nameof(RedisServers.Kinds), MemberType = typeof(RedisServers))]
    public async Task Commands_and_pub_sub_work_over_tls_with_a_trusted_certificate(RedisServerKind kind)
    {
        await using var server = await RedisServerProcess.StartAsync(new RedisServerOptions { Kind = kind, Tls = true, Password = "tls-pass" });
        var thumbprint = server.Certificate!.Thumbprint;
        await using var client = await TestClients.ConnectAsync(server, o => o with
        {
            CertificateValidation = (_, certificate, _, _) => certificate?.GetCertHashString() == thumbprint,
        });

        await client.StringSetAsync("secure", "yes");
        Assert.Equal("yes", await client.StringGetAsync("secure"));
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var subscription = await client.SubscribeAsync("tls-channel", (_, m) => received.TrySetResult(m));
        await client.PublishAsync("tls-channel", "over tls");
        Assert.Equal("over tls", await received.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Theory]
    [MemberData(nameof(RedisServers.Kinds), MemberType = typeof(RedisServers))]
    public async Task An_untrusted_certificate_is_refused(RedisServerKind kind)
    {
        await using var server = await RedisServerProcess.StartAsync(new RedisServerOptions { Kind = kind, Tls = true });

        var error = await Assert.ThrowsAsync<RedisConnectionException>(() => TestClients.ConnectAsync(server));

        Assert.Contains($"127.0.0.1:{server.Port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("certificate", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.IsType<System.Security.Authentication.AuthenticationException>(error.GetBaseException());
    }
}
