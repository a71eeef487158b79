using System.Net;
using Antigravity.AppHost;
using Antigravity.Testing.App;
using Antigravity.Testing;

namespace Antigravity.IntegrationTests;

/// <summary><c>--redis &lt;connection string&gt;</c>: an existing Redis is used as is and none is started.</summary>
public sealed class ExternalRedisTests
{
    [Fact]
    public async Task An_existing_password_protected_redis_is_used_and_no_redis_is_started()
    {
        await using var redis = await RedisServerProcess.StartAsync(RedisServerKind.RedisServer, password: "s3cret-external");

        await using var app = await AntigravityTestApp.StartAsync(options =>
        {
            options.Redis = RedisKind.External;
            options.RedisConnectionString = redis.ConnectionString;
        });

        Assert.Null(app.GetProcessId(AntigravityTopology.RedisName));
        Assert.Equal(redis.ConnectionString, app.RedisConnectionString);
        using var gateway = app.CreateHttpClient(AntigravityTopology.GatewayName);
        using var healthz = await gateway.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, healthz.StatusCode);
        // The services created their settings in that server (read back through AUTH).
        Assert.NotNull((await app.ReadCredentialsAsync()).ApiKey);
    }
}
