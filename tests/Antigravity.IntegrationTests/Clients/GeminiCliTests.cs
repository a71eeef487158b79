using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Antigravity.IntegrationTests.Clients;

/// <summary>
/// The app for Gemini CLI: its web-search tool asks for <c>gemini-3-flash-preview</c>, a Gemini API name the Google
/// account does not serve, so one mapping row sends it to a model the pool has.
/// </summary>
public sealed class GeminiCliAppFixture : ClientAppFixture
{
    public const string Model = "gemini-2.5-flash";

    protected override async Task AddMoreAccountsAsync(HttpClient dashboard)
    {
        using var response = await dashboard.PatchAsJsonAsync("/api/proxy/config", new JsonObject
        {
            ["modelMapping"] = new JsonObject { ["gemini-3-flash-preview"] = Model },
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}

/// <summary>
/// Gemini CLI (<c>gemini -p</c>, the version pinned in tests/clients) with <c>GOOGLE_GEMINI_BASE_URL</c>, a key and
/// the settings docs/clients.md gives, against the whole app with the emulator: a prompt, its read_file tool, and
/// its google_web_search tool.
/// </summary>
public sealed class GeminiCliTests(GeminiCliAppFixture fixture) : IClassFixture<GeminiCliAppFixture>, IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("gemini-scenario-").FullName;

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
        var settings = Directory.CreateDirectory(Path.Combine(home, ".gemini")).FullName;
        await File.WriteAllTextAsync(Path.Combine(settings, "settings.json"), """
            {"security":{"auth":{"selectedType":"gemini-api-key"}},
             "privacy":{"usageStatisticsEnabled":false},
             "telemetry":{"enabled":false},
             "general":{"disableAutoUpdate":true,"disableUpdateNag":true}}
            """);
        var environment = ClientCli.CleanEnvironment(home, new Dictionary<string, string>
        {
            ["GOOGLE_GEMINI_BASE_URL"] = fixture.GatewayUrl,
            ["GEMINI_API_KEY"] = await fixture.ApiKeyAsync(),
            ["GEMINI_CLI_TRUST_WORKSPACE"] = "true",
        });
        return await ClientCli.RunAsync(
            await ClientCli.CommandAsync("gemini"),
            ["-m", GeminiCliAppFixture.Model, "-p", prompt, .. options],
            Workspace,
            environment,
            TimeSpan.FromMinutes(3));
    }

    [Fact]
    public async Task Prompt_is_answered()
    {
        // Gemini CLI puts its <session_context> after the prompt, so the emulator's default echo would quote that.
        await fixture.ScriptAsync(ClientAppFixture.Answer("Hello! The gateway is listening."));

        var run = await PromptAsync("Say hello to the gateway");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(run.Stdout.Contains("Hello! The gateway is listening.", StringComparison.Ordinal), run.ToString());
        Assert.Contains(await fixture.UpstreamBodiesAsync(), body => body.Contains("Say hello to the gateway", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Read_file_tool_reads_the_file_and_the_answer_quotes_it()
    {
        var file = Path.Combine(Workspace, "notes.txt");
        await File.WriteAllTextAsync(file, "The launch code is 4711.\n");
        // The emulated model calls read_file; its answer to the tool result quotes what read_file returned.
        await fixture.ScriptAsync(ClientAppFixture.Call("read_file", new JsonObject { ["file_path"] = file }));

        var run = await PromptAsync("What does notes.txt say?");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(run.Stdout.Contains("the tool read_file returned", StringComparison.Ordinal), run.ToString());
        Assert.True(run.Stdout.Contains("The launch code is 4711.", StringComparison.Ordinal), run.ToString());
        Assert.Empty(await fixture.PendingScriptAsync());
    }

    [Fact]
    public async Task Google_web_search_tool_finds_and_cites_its_sources()
    {
        await fixture.ScriptAsync(
            ClientAppFixture.Call("google_web_search", new JsonObject { ["query"] = "latest café opening hours" }),
            ClientAppFixture.AnswerAfter("google_web_search", "According to example.com the café opens at 8."));

        var run = await PromptAsync("Search the web: when does the café open?", "--output-format", "stream-json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(run.Stdout.Contains("\"tool_name\":\"google_web_search\"", StringComparison.Ordinal), run.ToString());
        Assert.True(run.Stdout.Contains("According to", StringComparison.Ordinal) && run.Stdout.Contains("café opens at 8.", StringComparison.Ordinal), run.ToString());
        // The CLI shows only a summary of the tool's result; what it hands the model is the grounded text with citation
        // marks and a numbered source list built from the grounding metadata the gateway passed through.
        var toolResult = Assert.Single(await fixture.UpstreamBodiesAsync(), body => body.Contains("functionResponse", StringComparison.Ordinal) && body.Contains("Sources:", StringComparison.Ordinal));
        Assert.Contains("example.com covers it in depth.", toolResult, StringComparison.Ordinal);
        Assert.Contains("[1] example.com (https://vertexaisearch.cloud.google.com/grounding-api-redirect/", toolResult, StringComparison.Ordinal);
    }
}
