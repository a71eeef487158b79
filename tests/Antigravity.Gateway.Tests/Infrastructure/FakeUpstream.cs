using Antigravity.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Antigravity.Gateway.Tests.Infrastructure;

/// <summary>An upstream on a real loopback port that answers every call with <see cref="Status"/> and <see cref="Body"/>.</summary>
public sealed class FakeUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeUpstream(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public int Status { get; set; } = 200;

    public string Body { get; set; } = "{}";

    public static async Task<FakeUpstream> StartAsync()
    {
        var baseUrl = $"http://127.0.0.1:{FreePort.Next()}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(baseUrl);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var upstream = new FakeUpstream(app, baseUrl);
        app.Run(async context =>
        {
            context.Response.StatusCode = upstream.Status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(upstream.Body);
        });
        await app.StartAsync();
        return upstream;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
