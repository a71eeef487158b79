using Antigravity.AppHost.Hosting;
using Antigravity.IntegrationTests.Infrastructure;
using Antigravity.Testing;

namespace Antigravity.IntegrationTests;

/// <summary>The orchestration machinery on plain shell processes: stubborn children, early crashes, order.</summary>
public sealed class OrchestratorTests
{
    [Fact]
    public async Task A_child_that_ignores_sigterm_is_killed_with_its_whole_tree_after_the_grace_period()
    {
        var output = new CapturedOutput();
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { Output = output, StopTimeout = TimeSpan.FromSeconds(1) });
        builder.AddResource(Shell("stubborn", "trap '' TERM INT; sleep 300 & echo child $!; wait"));
        var app = builder.Build();
        await app.StartAsync();
        var pid = app.GetProcessId("stubborn")!.Value;
        await Eventually.WaitUntilAsync(() => output.Logs.Get("stubborn").Any(line => line.StartsWith("child ", StringComparison.Ordinal)), TimeSpan.FromSeconds(10), "the shell started its child");
        var grandchild = int.Parse(output.Logs.Get("stubborn").First(line => line.StartsWith("child ", StringComparison.Ordinal))[6..], System.Globalization.CultureInfo.InvariantCulture);

        await app.StopAsync();

        Assert.False(ChildProcesses.IsAlive(pid), "the stubborn shell survived");
        Assert.False(ChildProcesses.IsAlive(grandchild), "its child survived");
        Assert.Contains("stubborn did not stop within 1 s; killing it", output.Logs.Get("apphost"));
    }

    [Fact]
    public async Task A_child_that_dies_before_it_is_healthy_fails_the_start_with_its_reason_and_nothing_keeps_running()
    {
        var output = new CapturedOutput();
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { Output = output });
        var first = builder.AddResource(Shell("first", "sleep 300"));
        var doomed = Shell("doomed", "echo starting; echo 'Unhandled exception. System.InvalidOperationException: boom' >&2; exit 3");
        doomed.Endpoint = new ResourceEndpoint();
        doomed.HealthProbe = new HttpHealthProbe(doomed.Endpoint);
        builder.AddResource(doomed).WaitFor(first);
        var app = builder.Build();

        var failure = await Assert.ThrowsAsync<ResourceStartException>(() => app.StartAsync());

        Assert.Equal("doomed: exited with code 3 before it was healthy: System.InvalidOperationException: boom", failure.Message);
        Assert.All(app.GetLaunchedProcessIds(), pid => Assert.False(ChildProcesses.IsAlive(pid), $"pid {pid} survived the failed start"));
    }

    [Fact]
    public async Task A_resource_waits_for_what_it_references_and_gets_its_connection_details()
    {
        var output = new CapturedOutput();
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { Output = output });
        var redis = builder.AddRedisServer("store", Path.Combine(Path.GetTempPath(), "antigravity-orchestrator-" + Guid.NewGuid().ToString("N")[..8]));
        builder.AddResource(Shell("client", "echo \"connection=$ConnectionStrings__store\"; sleep 300")).WithReference(redis).WaitFor(redis);
        await using var app = builder.Build();

        await app.StartAsync();

        var expected = $"connection=127.0.0.1:{redis.Resource.Endpoint!.Port}";
        await Eventually.WaitUntilAsync(() => output.Logs.Get("client").Contains(expected), TimeSpan.FromSeconds(10), "the client printed its connection string");
        var messages = output.Logs.Get("apphost").ToList();
        Assert.True(messages.FindIndex(line => line.StartsWith("store is healthy", StringComparison.Ordinal))
            < messages.FindIndex(line => line.StartsWith("client started", StringComparison.Ordinal)));
        Directory.Delete(redis.Resource.DataDirectory!, recursive: true);
    }

    [Fact]
    public async Task A_missing_executable_is_named()
    {
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { Output = new CapturedOutput() });
        builder.AddResource(new Resource("ghost") { Process = new ProcessSpec { Command = "antigravity-no-such-program" } });
        var app = builder.Build();

        var failure = await Assert.ThrowsAsync<ResourceStartException>(() => app.StartAsync());

        Assert.Equal("ghost: cannot start 'antigravity-no-such-program': it is not installed (not found on PATH).", failure.Message);
    }

    private static Resource Shell(string name, string script)
    {
        var spec = new ProcessSpec { Command = "/bin/sh" };
        spec.Arguments.Add(() => "-c");
        spec.Arguments.Add(() => script);
        return new Resource(name) { Process = spec };
    }
}
