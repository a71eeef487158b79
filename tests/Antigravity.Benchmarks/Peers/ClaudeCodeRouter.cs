using System.Text.Json.Nodes;
using Antigravity.Testing;

namespace Antigravity.Benchmarks.Peers;

/// <summary>
/// claude-code-router (npm <c>@musistudio/claude-code-router</c>, 1.0.x): a Fastify server that takes Anthropic
/// <c>/v1/messages</c> and sends OpenAI chat completions to the provider its router picks. <c>ccr start</c> runs
/// the server in the foreground and reads <c>~/.claude-code-router/config.json</c>, so it gets a temporary HOME
/// holding a config with one provider (the emulator's OpenAI-compatible API), that provider's model as the
/// default route, and its logs off.
/// </summary>
public static class ClaudeCodeRouter
{
    /// <summary>The CLI the package's <c>ccr</c> bin points at.</summary>
    public static string EntryPoint => Path.Combine(PeerPackages.Directory, "node_modules", "@musistudio", "claude-code-router", "dist", "cli.js");

    /// <summary>Starts it on a free port, routing every request to <paramref name="model"/> at the emulator.</summary>
    public static Task<PeerProcess> StartAsync(Uri emulator, string apiKey, string model, CancellationToken cancellationToken)
    {
        var port = FreePort.Next();
        var home = Directory.CreateTempSubdirectory("antigravity-bench-ccr-").FullName;
        var configDirectory = Directory.CreateDirectory(Path.Combine(home, ".claude-code-router")).FullName;
        var config = new JsonObject
        {
            ["LOG"] = false,
            ["PORT"] = port,
            ["NON_INTERACTIVE_MODE"] = true,
            ["Providers"] = new JsonArray(new JsonObject
            {
                ["name"] = "emulator",
                ["api_base_url"] = emulator.GetLeftPart(UriPartial.Authority) + "/openai/v1/chat/completions",
                ["api_key"] = apiKey,
                ["models"] = new JsonArray(model),
            }),
            ["Router"] = new JsonObject { ["default"] = "emulator," + model },
        };
        File.WriteAllText(Path.Combine(configDirectory, "config.json"), config.ToJsonString());
        return PeerProcess.StartAsync("claude-code-router", port, "node", [EntryPoint, "start"],
            new Dictionary<string, string> { ["HOME"] = home }, ownedDirectory: home, cancellationToken);
    }
}
