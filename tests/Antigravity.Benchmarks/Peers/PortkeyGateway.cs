using Antigravity.Testing;

namespace Antigravity.Benchmarks.Peers;

/// <summary>
/// Portkey's open-source AI gateway (npm <c>@portkey-ai/gateway</c>): a Hono app on Node.js. Started headless
/// in production mode (no console UI); each request names its provider and upstream in headers:
/// <c>x-portkey-provider: openai</c> and <c>x-portkey-custom-host: {emulator}/openai/v1</c>, which its
/// custom-host check accepts for 127.0.0.1 by default. The client's bearer key goes up unchanged.
/// </summary>
public static class PortkeyGateway
{
    /// <summary>The server script the package's <c>bin</c> points at.</summary>
    public static string EntryPoint => Path.Combine(PeerPackages.Directory, "node_modules", "@portkey-ai", "gateway", "build", "start-server.js");

    /// <summary>Starts it on a free port.</summary>
    public static Task<PeerProcess> StartAsync(CancellationToken cancellationToken)
    {
        var port = FreePort.Next();
        return PeerProcess.StartAsync("Portkey", port, "node", [EntryPoint, $"--port={port}", "--headless"],
            new Dictionary<string, string> { ["NODE_ENV"] = "production" }, ownedDirectory: null, cancellationToken);
    }

    /// <summary>The headers that send a chat completion through Portkey to the emulator's OpenAI-compatible API.</summary>
    public static Dictionary<string, string> Headers(Uri emulator, string apiKey) => new()
    {
        ["Authorization"] = "Bearer " + apiKey,
        ["x-portkey-provider"] = "openai",
        ["x-portkey-custom-host"] = emulator.GetLeftPart(UriPartial.Authority) + "/openai/v1",
    };
}
