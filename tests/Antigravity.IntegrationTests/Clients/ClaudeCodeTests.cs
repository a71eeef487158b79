using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Antigravity.IntegrationTests.Clients;

/// <summary>
/// The app for Claude Code: its Claude model names are mapped to a Gemini model, because web search runs as Google
/// Search grounding and Claude models on Google accounts cannot search (docs/clients.md, "Web search").
/// </summary>
public sealed class ClaudeCodeAppFixture : ClientAppFixture
{
    public const string Model = "gemini-2.5-flash";

    protected override async Task AddMoreAccountsAsync(HttpClient dashboard)
    {
        using var response = await dashboard.PatchAsJsonAsync("/api/proxy/config", new JsonObject
        {
            ["modelMapping"] = new JsonObject { ["claude-*"] = Model },
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}

/// <summary>
/// Claude Code (<c>claude -p</c>, the version pinned in tests/clients) with only <c>ANTHROPIC_BASE_URL</c> and a key,
/// against the whole app with the emulator: a prompt, its Read tool on a file the test wrote, and its WebSearch tool.
/// </summary>
public sealed class ClaudeCodeTests(ClaudeCodeAppFixture fixture) : IClassFixture<ClaudeCodeAppFixture>, IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("claude-scenario-").FullName;

    public Task InitializeAsync() => fixture.ResetScenarioAsync();

    public Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    private string Workspace => Directory.CreateDirectory(Path.Combine(_root, "work")).FullName;

    private async Task<CliRun> PromptAsync(string prompt, params string[] options)
    {
        var home = Directory.CreateDirectory(Path.Combine(_root, "home")).FullName;
        var environment = ClientCli.CleanEnvironment(home, new Dictionary<string, string>
        {
            ["ANTHROPIC_BASE_URL"] = fixture.GatewayUrl,
            ["ANTHROPIC_API_KEY"] = await fixture.ApiKeyAsync(),
            // Keeps it from calling Anthropic's own hosts (telemetry, update checks, feedback), as docs/clients.md says.
            ["CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"] = "1",
            ["DISABLE_TELEMETRY"] = "1",
            ["DISABLE_AUTOUPDATER"] = "1",
        });
        return await ClientCli.RunAsync(
            await ClientCli.CommandAsync("claude"),
            ["-p", prompt, "--max-turns", "4", .. options],
            Workspace,
            environment,
            TimeSpan.FromMinutes(3));
    }

    [Fact]
    public async Task Prompt_is_answered()
    {
        // Claude Code puts a <system-reminder> after the prompt, so the emulator's default echo would quote that.
        await fixture.ScriptAsync(ClientAppFixture.Answer("Hello! The gateway is listening."));

        var run = await PromptAsync("Say hello to the gateway");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(run.Stdout.Contains("Hello! The gateway is listening.", StringComparison.Ordinal), run.ToString());
        Assert.Contains(await fixture.UpstreamBodiesAsync(), body => body.Contains("Say hello to the gateway", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Read_tool_reads_the_file_and_the_answer_quotes_it()
    {
        var file = Path.Combine(Workspace, "notes.txt");
        await File.WriteAllTextAsync(file, "The launch code is 4711.\n");
        // The emulated model calls Read; its answer to the tool result quotes what Read returned.
        await fixture.ScriptAsync(ClientAppFixture.Call("Read", new JsonObject { ["file_path"] = file }));

        var run = await PromptAsync("What does notes.txt say?");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(run.Stdout.Contains("the tool Read returned", StringComparison.Ordinal), run.ToString());
        Assert.True(run.Stdout.Contains("The launch code is 4711.", StringComparison.Ordinal), run.ToString());
        Assert.Empty(await fixture.PendingScriptAsync());
    }

    [Fact]
    public async Task Web_search_tool_finds_and_cites_its_sources()
    {
        await fixture.ScriptAsync(
            ClientAppFixture.Call("WebSearch", new JsonObject { ["query"] = "latest café opening hours" }),
            ClientAppFixture.AnswerAfter("WebSearch", "According to example.com the café opens at 8."));

        var run = await PromptAsync("Search the web: when does the café open?", "--allowedTools", "WebSearch", "--output-format", "stream-json", "--verbose");

        Assert.True(run.ExitCode == 0, run.ToString());
        // Headless runs ask no questions: WebSearch runs only when allowed (--allowedTools), as for any user of -p.
        // The search's results as Claude Code shows them in the tool result: the grounded text and its linked sources.
        Assert.True(run.Stdout.Contains("example.com covers it in depth.", StringComparison.Ordinal), run.ToString());
        Assert.True(run.Stdout.Contains("vertexaisearch.cloud.google.com/grounding-api-redirect/", StringComparison.Ordinal), run.ToString());
        Assert.True(run.Stdout.Contains("According to example.com the café opens at 8.", StringComparison.Ordinal), run.ToString());
    }
}
