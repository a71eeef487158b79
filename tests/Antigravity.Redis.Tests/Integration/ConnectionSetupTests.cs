using Antigravity.Redis.Tests.Infrastructure;
using Antigravity.Testing;

namespace Antigravity.Redis.Tests.Integration;

public sealed class ConnectionSetupTests
{
    private const string Password = "correct-horse-battery";

    [Theory]
    [MemberData(nameof(RedisServers.Kinds), MemberType = typeof(RedisServers))]
    public async Task A_password_protected_server_accepts_the_right_password(RedisServerKind kind)
    {
        await using var server = await RedisServerProcess.StartAsync(kind, password: Password);
        await using var client = await TestClients.ConnectAsync(server);

        await client.StringSetAsync("k", "v");
        Assert.Equal("v", await client.StringGetAsync("k"));
        var received = new TaskCompletionSource<string>();
        await using var subscription = await client.SubscribeAsync("c", (_, m) => received.TrySetResult(m));
        await client.PublishAsync("c", "authed");
        Assert.Equal("authed", await received.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Theory]
    [MemberData(nameof(RedisServers.Kinds), MemberType = typeof(RedisServers))]
    public async Task A_wrong_password_is_reported_without_revealing_it(RedisServerKind kind)
    {
        await using var server = await RedisServerProcess.StartAsync(kind, password: Password);

        var error = await Assert.ThrowsAsync<RedisConnectionException>(() => RedisClient.ConnectAsync(
            RedisConnectionOptions.Parse($"127.0.0.1:{server.Port},password=not-the-password,abortConnect=true")));

        Assert.Contains($"127.0.0.1:{server.Port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("credentials", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RedisServers.Kinds), MemberType = typeof(RedisServers))]
    public async Task A_user_and_password_authenticate_with_an_acl_user(RedisServerKind kind)
    {
        await using var server = await RedisServerProcess.StartAsync(new RedisServerOptions { Kind = kind, Acl = true, Password = Password });
        await using (var admin = await TestClients.ConnectAsync(server))
        {
            await admin.ExecuteAsync("ACL", ["SETUSER", "gateway", "on", ">gw-secret", "~*", "+@all"]);
        }

        await using var client = await RedisClient.ConnectAsync(
            RedisConnectionOptions.Parse($"127.0.0.1:{server.Port},user=gateway,password=gw-secret,abortConnect=true"));

        Assert.Equal("gateway", (await client.ExecuteAsync("ACL", ["WHOAMI"])).AsString());
        await Assert.ThrowsAsync<RedisConnectionException>(() => RedisClient.ConnectAsync(
            RedisConnectionOptions.Parse($"127.0.0.1:{server.Port},user=gateway,password=wrong,abortConnect=true")));
    }

    [Theory]
    [MemberData(nameof(RedisServers.Kinds), MemberType = typeof(RedisServers))]
    public async Task The_default_database_and_client_name_are_applied(RedisServerKind kind)
    {
        await using var server = await RedisServerProcess.StartAsync(kind);
        await using var inDb1 = await TestClients.ConnectAsync(server, o => o with { Database = 1, ClientName = "antigravity-test" });
        await using var inDb0 = await TestClients.ConnectAsync(server);

        await inDb1.StringSetAsync("where", "db1");

        Assert.Equal("db1", await inDb1.StringGetAsync("where"));
        Assert.Null(await inDb0.StringGetAsync("where"));
        Assert.Equal("antigravity-test", (await inDb1.ExecuteAsync("CLIENT", ["GETNAME"])).AsString());
    }
}
