using Antigravity.Testing.App;

namespace Antigravity.IntegrationTests.Infrastructure;

/// <summary>One running application shared by the tests that only read from it.</summary>
public sealed class SharedAppFixture : IAsyncLifetime
{
    private AntigravityTestApp? _app;

    /// <summary>The running application.</summary>
    public AntigravityTestApp App => _app ?? throw new InvalidOperationException("The application did not start.");

    public async Task InitializeAsync() => _app = await AntigravityTestApp.StartAsync();

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SharedAppCollection : ICollectionFixture<SharedAppFixture>
{
    public const string Name = "shared app";
}
