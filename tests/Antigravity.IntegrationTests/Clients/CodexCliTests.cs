using System.Text.Json.Nodes;

namespace Antigravity.IntegrationTests.Clients;

/// <summary>
/// Codex CLI (<c>codex exec</c>, the version pinned in tests/clients) with a <c>config.toml</c> that names only the
/// gateway as its provider — no opt-outs, so it declares its default tools, web search included — against the
/// whole app with the emulator.
/// </summary>
public sealed class CodexCliTests(ClientAppFixture fixture) : IClassFixture<ClientAppFixture>, IAsyncLifetime
{
    private const string Model = "gemini-2.5-flash";
    private readonly string _root = Directory.CreateTempSubdirectory("codex-scenario-").FullName;

    public Task InitializeAsync() => fixture.ResetScenarioAsync();

    public Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>The workspace Codex works in (its <c>-C</c>).</summary>
    private string Workspace => Directory.CreateDirectory(Path.Combine(_root, "work")).FullName;

    private async Task<CliRun> ExecAsync(string prompt)
    {
        var codexHome = Directory.CreateDirectory(Path.Combine(_root, "home", ".codex")).FullName;
        // The provider section of docs/clients.md, nothing else.
        await File.WriteAllTextAsync(Path.Combine(codexHome, "config.toml"), $"""
            model = "{Model}"
            model_provider = "antigravity"

            [model_providers.antigravity]
            name = "Antigravity Gateway"
            base_url = "{fixture.GatewayUrl}/v1"
            env_key = "ANTIGRAVITY_API_KEY"
            wire_api = "responses"
            """);
        var environment = ClientCli.CleanEnvironment(Path.Combine(_root, "home"), new Dictionary<string, string>
        {
            ["CODEX_HOME"] = codexHome,
            ["ANTIGRAVITY_API_KEY"] = await fixture.ApiKeyAsync(),
        });
        return await ClientCli.RunAsync(
            await ClientCli.CommandAsync("codex"),
            ["exec", "--skip-git-repo-check", "--color", "never", "--sandbox", "workspace-write", "-C", Workspace, prompt],
            Workspace,
            environment,
            TimeSpan.FromMinutes(3));
    }

    [Fact]
    public async Task Prompt_is_answered()
    {
        // Codex puts its environment context after the prompt, so the emulator's default echo would quote that.
        await fixture.ScriptAsync(ClientAppFixture.Answer("Hello! The gateway is listening."));

        var run = await ExecAsync("Say hello to the gateway");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Hello! The gateway is listening.", run.Stdout, StringComparison.Ordinal);
        Assert.Contains(await fixture.UpstreamBodiesAsync(), body => body.Contains("Say hello to the gateway", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Shell_command_runs_through_its_tool_and_the_answer_follows()
    {
        await fixture.ScriptAsync(
            ClientAppFixture.Call("exec_command", new JsonObject { ["cmd"] = "echo hello from codex > greeting.txt && cat greeting.txt" }),
            ClientAppFixture.AnswerAfter("exec_command", "I wrote greeting.txt for you."));

        var run = await ExecAsync("Write a greeting into greeting.txt");

        Assert.True(run.ExitCode == 0, run.ToString());
        var file = Path.Combine(Workspace, "greeting.txt");
        Assert.True(File.Exists(file), "the command did not run: " + run);
        Assert.Equal("hello from codex", (await File.ReadAllTextAsync(file)).Trim());
        Assert.Contains("I wrote greeting.txt for you.", run.Stdout, StringComparison.Ordinal);
        Assert.Empty(await fixture.PendingScriptAsync());
    }

    [Fact]
    public async Task Web_search_answer_cites_its_source()
    {
        var run = await ExecAsync("Search the web for the latest café opening hours");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("example.com covers it in depth.", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("docs.example.org", run.Stdout, StringComparison.Ordinal);
    }
}
