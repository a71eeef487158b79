using System.Net;
using Antigravity.Contracts;
using Antigravity.Dashboard.Tests.Infrastructure;
using Antigravity.Testing;
using Microsoft.Extensions.Options;

namespace Antigravity.Dashboard.Tests.Auth;

public sealed class AdminPasswordTests(GarnetFixture garnet) : IClassFixture<GarnetFixture>, IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    public Task InitializeAsync() => garnet.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_configured_password_wins_and_is_copied_to_redis_for_the_apphost()
    {
        await garnet.Redis.GetDatabase().StringSetAsync(RedisKeys.DashboardAdminPassword, "an-old-generated-password");
        await using var app = new DashboardFactory(garnet.ConnectionString, new Dictionary<string, string?> { ["Dashboard:AdminPassword"] = "configured-secret-42" });
        using var configured = app.CreateAdminClient("configured-secret-42");
        using var old = app.CreateAdminClient("an-old-generated-password");

        Assert.Equal(HttpStatusCode.OK, (await configured.GetAsync("/api/proxy/config")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await old.GetAsync("/api/proxy/config")).StatusCode);
        await Eventually.WaitUntilAsync(
            async () => await garnet.Redis.GetDatabase().StringGetAsync(RedisKeys.DashboardAdminPassword) == "configured-secret-42",
            StartTimeout, "the configured password is in Redis");
    }

    [Fact]
    public async Task Without_configuration_a_strong_password_is_generated_once_and_shared_by_every_replica()
    {
        await using var first = new DashboardFactory(garnet.ConnectionString);
        await using var second = new DashboardFactory(garnet.ConnectionString);
        _ = first.Server;
        _ = second.Server;

        string? generated = null;
        await Eventually.WaitUntilAsync(
            async () => (generated = await garnet.Redis.GetDatabase().StringGetAsync(RedisKeys.DashboardAdminPassword)) is not null,
            StartTimeout, "a generated password is in Redis");

        Assert.Equal(24, generated!.Length);
        Assert.Matches("^[A-Za-z0-9_-]{24}$", generated);
        using var viaFirst = first.CreateAdminClient(generated);
        using var viaSecond = second.CreateAdminClient(generated);
        Assert.Equal(HttpStatusCode.OK, (await viaFirst.GetAsync("/api/proxy/config")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viaSecond.GetAsync("/api/proxy/config")).StatusCode);

        // A restart keeps the same password.
        await first.DisposeAsync();
        await using var restarted = new DashboardFactory(garnet.ConnectionString);
        using var viaRestarted = restarted.CreateAdminClient(generated);
        Assert.Equal(HttpStatusCode.OK, (await viaRestarted.GetAsync("/api/proxy/config")).StatusCode);
        Assert.Equal(generated, await garnet.Redis.GetDatabase().StringGetAsync(RedisKeys.DashboardAdminPassword));

        // Said in the log that it was generated, but never what it is.
        Assert.Contains(first.Logs.Lines.Concat(second.Logs.Lines).Concat(restarted.Logs.Lines), line => line.Contains(RedisKeys.DashboardAdminPassword, StringComparison.Ordinal));
        Assert.DoesNotContain(first.Logs.Lines.Concat(second.Logs.Lines).Concat(restarted.Logs.Lines), line => line.Contains(generated, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_too_short_configured_password_stops_the_start_with_a_sentence_naming_the_setting()
    {
        await using var app = new DashboardFactory(garnet.ConnectionString, new Dictionary<string, string?> { ["Dashboard:AdminPassword"] = "short" });

        var error = Assert.Throws<OptionsValidationException>(() => app.Server);

        Assert.Contains("Dashboard:AdminPassword must be at least 8 characters", error.Message, StringComparison.Ordinal);
    }
}
