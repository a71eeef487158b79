using System.Net;
using Antigravity.Contracts;
using Antigravity.Contracts.Auth;
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
    public async Task A_configured_password_wins_and_only_its_hash_is_stored()
    {
        await garnet.Redis.GetDatabase().StringSetAsync(RedisKeys.DashboardAdminPassword, "an-old-generated-password");
        await using var app = new DashboardFactory(garnet.ConnectionString, new Dictionary<string, string?> { ["Dashboard:AdminPassword"] = "configured-secret-42" });
        using var configured = app.CreateAdminClient("configured-secret-42");
        using var old = app.CreateAdminClient("an-old-generated-password");

        Assert.Equal(HttpStatusCode.OK, (await configured.GetAsync("/api/proxy/config")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await old.GetAsync("/api/proxy/config")).StatusCode);
        await Eventually.WaitUntilAsync(
            async () => AdminPasswords.Verify(await StoredAsync(), "configured-secret-42"),
            StartTimeout, "the configured password's hash is in Redis");
        var stored = await StoredAsync();
        Assert.StartsWith("pbkdf2-sha256$", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("configured-secret-42", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_password_the_apphost_offers_is_stored_as_a_hash_once_and_shared_by_every_replica()
    {
        const string Offered = "offered-by-the-apphost-1";
        var settings = new Dictionary<string, string?> { ["Dashboard:InitialAdminPassword"] = Offered };
        await using var first = new DashboardFactory(garnet.ConnectionString, settings);
        await using var second = new DashboardFactory(garnet.ConnectionString, new Dictionary<string, string?> { ["Dashboard:InitialAdminPassword"] = "another-offer-from-a-2nd-apphost" });
        _ = first.Server;
        _ = second.Server;

        string? stored = null;
        await Eventually.WaitUntilAsync(async () => (stored = await StoredAsync()) is not null, StartTimeout, "a password hash is in Redis");

        // Redis holds a salted slow hash, never the password; whoever reads it cannot sign in with it.
        Assert.Matches(@"^pbkdf2-sha256\$[0-9]{6,}\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$", stored);
        Assert.DoesNotContain(Offered, stored, StringComparison.Ordinal);
        var winner = AdminPasswords.Verify(stored, Offered) ? Offered : "another-offer-from-a-2nd-apphost";
        Assert.True(AdminPasswords.Verify(stored, winner));
        using var viaFirst = first.CreateAdminClient(winner);
        using var viaSecond = second.CreateAdminClient(winner);
        using var withHash = first.CreateAdminClient(stored!);
        Assert.Equal(HttpStatusCode.OK, (await viaFirst.GetAsync("/api/proxy/config")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viaSecond.GetAsync("/api/proxy/config")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await withHash.GetAsync("/api/proxy/config")).StatusCode);

        // A restart (offered a new one, as the AppHost does at every start) keeps the stored password.
        await first.DisposeAsync();
        await using var restarted = new DashboardFactory(garnet.ConnectionString, new Dictionary<string, string?> { ["Dashboard:InitialAdminPassword"] = "a-third-offer-after-restart" });
        using var viaRestarted = restarted.CreateAdminClient(winner);
        Assert.Equal(HttpStatusCode.OK, (await viaRestarted.GetAsync("/api/proxy/config")).StatusCode);
        Assert.Equal(stored, await StoredAsync());

        // Said in the log that it was stored, but never what it is.
        var lines = first.Logs.Lines.Concat(second.Logs.Lines).Concat(restarted.Logs.Lines).ToList();
        Assert.Contains(lines, line => line.Contains(RedisKeys.DashboardAdminPassword, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains(winner, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_any_password_given_one_is_generated_and_the_log_says_how_to_set_one()
    {
        await using var app = new DashboardFactory(garnet.ConnectionString);
        _ = app.Server;

        await Eventually.WaitUntilAsync(async () => AdminPasswords.IsHash(await StoredAsync()), StartTimeout, "a generated password's hash is in Redis");
        await Eventually.WaitUntilAsync(
            () => Task.FromResult(app.Logs.Lines.Any(line => line.Contains("Dashboard__AdminPassword", StringComparison.Ordinal))),
            StartTimeout, "the log says how to choose a password");
    }

    [Fact]
    public async Task A_password_an_earlier_version_stored_in_clear_still_signs_in_and_is_then_stored_as_a_hash()
    {
        const string Old = "an-old-generated-password";
        await garnet.Redis.GetDatabase().StringSetAsync(RedisKeys.DashboardAdminPassword, Old);
        await using var app = new DashboardFactory(garnet.ConnectionString, new Dictionary<string, string?> { ["Dashboard:InitialAdminPassword"] = "never-used-offer-123" });
        using var old = app.CreateAdminClient(Old);
        using var wrong = app.CreateAdminClient("never-used-offer-123");

        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/api/proxy/config")).StatusCode);
        Assert.Equal(Old, await StoredAsync()); // a wrong password changes nothing
        Assert.Equal(HttpStatusCode.OK, (await old.GetAsync("/api/proxy/config")).StatusCode);

        var stored = await StoredAsync();
        Assert.True(AdminPasswords.IsHash(stored));
        Assert.True(AdminPasswords.Verify(stored, Old));
        Assert.Equal(HttpStatusCode.OK, (await old.GetAsync("/api/proxy/config")).StatusCode);

        // A second replica started after the upgrade reads the hash and accepts the same password.
        await using var other = new DashboardFactory(garnet.ConnectionString);
        using var viaOther = other.CreateAdminClient(Old);
        Assert.Equal(HttpStatusCode.OK, (await viaOther.GetAsync("/api/proxy/config")).StatusCode);
    }

    private async Task<string?> StoredAsync() => await garnet.Redis.GetDatabase().StringGetAsync(RedisKeys.DashboardAdminPassword);

    [Fact]
    public async Task A_too_short_configured_password_stops_the_start_with_a_sentence_naming_the_setting()
    {
        await using var app = new DashboardFactory(garnet.ConnectionString, new Dictionary<string, string?> { ["Dashboard:AdminPassword"] = "short" });

        var error = Assert.Throws<OptionsValidationException>(() => app.Server);

        Assert.Contains("Dashboard:AdminPassword must be at least 8 characters", error.Message, StringComparison.Ordinal);
    }
}
