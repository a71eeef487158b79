namespace Antigravity.Gateway.Hosting;

/// <summary>
/// Runs the gateway and turns a failure to listen, or an invalid setting, into one readable line on
/// stderr and a non-zero exit code (the host has already logged the details).
/// </summary>
internal static class GatewayRunner
{
    /// <summary>Exit code when the address cannot be bound.</summary>
    public const int BindFailedExitCode = 2;

    /// <summary>Exit code when a setting is invalid.</summary>
    public const int InvalidConfigurationExitCode = 3;

    /// <summary>Runs until shutdown; returns the process exit code.</summary>
    public static async Task<int> RunGatewayAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Read now: once RunAsync fails, the host (and its configuration) is already disposed.
        var configuredAddress = FirstConfiguredAddress(app);
        try
        {
            await app.RunAsync().ConfigureAwait(false);
            return 0;
        }
        catch (Exception ex) when (BindFailure.Describe(ex, configuredAddress) is { } sentence)
        {
            await Console.Error.WriteLineAsync(sentence).ConfigureAwait(false);
            return BindFailedExitCode;
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException ex)
        {
            foreach (var failure in ex.Failures)
            {
                await Console.Error.WriteLineAsync("invalid configuration: " + failure).ConfigureAwait(false);
            }
            return InvalidConfigurationExitCode;
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
