namespace Antigravity.Gateway.Hosting;

/// <summary>Runs the gateway and turns a failure to listen into one readable line and a non-zero exit code.</summary>
internal static class GatewayRunner
{
    /// <summary>Exit code when the address cannot be bound.</summary>
    public const int BindFailedExitCode = 2;

    /// <summary>Runs until shutdown; returns the process exit code.</summary>
    public static async Task<int> RunGatewayAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        try
        {
            await app.RunAsync().ConfigureAwait(false);
            return 0;
        }
        catch (Exception ex) when (BindFailure.Describe(ex, FirstConfiguredAddress(app)) is { } sentence)
        {
            await Console.Error.WriteLineAsync(sentence).ConfigureAwait(false);
            return BindFailedExitCode;
        }
    }

    private static string? FirstConfiguredAddress(WebApplication app)
    {
        var urls = app.Configuration[WebHostDefaults.ServerUrlsKey] ?? ListenAddress.From(app.Configuration);
        var first = urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return first is not null && Uri.TryCreate(first.Replace("://+", "://0.0.0.0").Replace("://*", "://0.0.0.0"), UriKind.Absolute, out var uri)
            ? BindFailure.HostPort(uri)
            : null;
    }
}
