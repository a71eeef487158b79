using System.Globalization;
using System.Net.Http.Headers;
using Antigravity.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Antigravity.Benchmarks.Peers;

/// <summary>
/// The floor of a .NET hop: Kestrel and one <see cref="HttpClient"/> passing a POST through to the same path upstream,
/// with nothing else (no auth, no parsing, no telemetry), run the way the gateway runs (inline scheduling and inline
/// socket completions) as a process of its own: this executable's <c>forwarder</c> command. Its row says how much of
/// what the gateway adds at one request at a time any .NET process in the middle adds on the same machine.
/// </summary>
public static class MinimalForwarder
{
    /// <summary>The command that runs it.</summary>
    public const string Command = "forwarder";

    /// <summary>Starts it on a free port, in front of <paramref name="upstream"/>.</summary>
    public static Task<PeerProcess> StartAsync(Uri upstream, CancellationToken cancellationToken)
    {
        var port = FreePort.Next();
        return PeerProcess.StartAsync("minimal .NET forwarder", port, Environment.ProcessPath!,
            [Command, port.ToString(CultureInfo.InvariantCulture), upstream.GetLeftPart(UriPartial.Authority)],
            new Dictionary<string, string> { ["DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS"] = "1" }, ownedDirectory: null, cancellationToken);
    }

    /// <summary>Runs the forwarder: <c>forwarder &lt;port&gt; &lt;upstream base URL&gt;</c>, until killed.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        if (args.Count != 2 || !int.TryParse(args[0], CultureInfo.InvariantCulture, out var port) || !Uri.TryCreate(args[1], UriKind.Absolute, out var upstream))
        {
            Console.Error.WriteLine($"usage: Antigravity.Benchmarks {Command} <port> <upstream base URL>");
            return 2;
        }
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Services.Configure<SocketTransportOptions>(options => options.UnsafePreferInlineScheduling = true);
        await using var app = builder.Build();
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        app.MapPost("/{**path}", async context =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(upstream, context.Request.Path + context.Request.QueryString))
            {
                Content = new StreamContent(context.Request.Body),
            };
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(context.Request.ContentType ?? "application/json");
            request.Headers.TryAddWithoutValidation("Authorization", context.Request.Headers.Authorization.ToString());
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
            context.Response.StatusCode = (int)response.StatusCode;
            context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
            context.Response.ContentLength = response.Content.Headers.ContentLength;
            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        });
        await app.RunAsync();
        return 0;
    }
}
