using Antigravity.AppHost;
using Antigravity.Testing.App;
using Antigravity.IntegrationTests.Infrastructure;

namespace Antigravity.IntegrationTests;

/// <summary>Stored settings outlive the whole application, with either Redis the AppHost can start.</summary>
public sealed class PersistenceTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "antigravity-persistence-test-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    [Theory]
    [InlineData(RedisKind.Garnet, "garnet")]
    [InlineData(RedisKind.RedisServer, "redis")]
    public async Task Restarting_the_whole_app_on_the_same_data_keeps_the_api_key(RedisKind redis, string subdirectory)
    {
        string? first;
        await using (var app = await AntigravityTestApp.StartAsync(options =>
        {
            options.Redis = redis;
            options.DataDirectory = _dataDirectory;
        }))
        {
            first = (await app.ReadCredentialsAsync()).ApiKey;
        }
        Assert.NotNull(first);
        Assert.NotEmpty(Directory.EnumerateFileSystemEntries(Path.Combine(_dataDirectory, subdirectory)));

        await using var again = await AntigravityTestApp.StartAsync(options =>
        {
            options.Redis = redis;
            options.DataDirectory = _dataDirectory;
        });

        Assert.Equal(first, (await again.ReadCredentialsAsync()).ApiKey);
    }

    [Fact]
    public async Task A_preset_api_key_from_the_environment_is_stored_on_first_start()
    {
        await using var app = await AntigravityTestApp.StartAsync(options => options.Environment["Proxy__ApiKey"] = "sk-preset-through-environment");

        Assert.Equal("sk-preset-through-environment", (await app.ReadCredentialsAsync()).ApiKey);
    }
}
