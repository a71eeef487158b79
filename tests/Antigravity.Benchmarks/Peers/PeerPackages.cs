using System.Diagnostics;
using Antigravity.Testing;

namespace Antigravity.Benchmarks.Peers;

/// <summary>
/// The Node.js gateways the benchmark compares with, pinned in <c>Peers/npm/package-lock.json</c> and installed
/// there with <c>npm ci</c> the first time the benchmark needs them (<c>node_modules</c> is git-ignored).
/// </summary>
public static class PeerPackages
{
    /// <summary>The folder that holds package.json and, once installed, node_modules.</summary>
    public static string Directory { get; } = Path.Combine(RepositoryRoot.Find(), "tests", "Antigravity.Benchmarks", "Peers", "npm");

    /// <summary>Runs <c>npm ci</c> unless both packages are already installed.</summary>
    public static async Task EnsureInstalledAsync(CancellationToken cancellationToken)
    {
        if (File.Exists(PortkeyGateway.EntryPoint) && File.Exists(ClaudeCodeRouter.EntryPoint))
        {
            return;
        }
        Console.WriteLine($"Installing the peer gateways: npm ci in {Directory}…");
        using var npm = Process.Start(new ProcessStartInfo("npm", ["ci", "--no-audit", "--no-fund"])
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("Could not start npm (is Node.js installed?).");
        var output = npm.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = npm.StandardError.ReadToEndAsync(cancellationToken);
        await npm.WaitForExitAsync(cancellationToken);
        if (npm.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci failed ({npm.ExitCode}) in {Directory}:\n{await output}\n{await errors}");
        }
    }
}
