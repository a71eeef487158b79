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

    /// <summary>When set, answers every call instead of <see cref="Status"/> / <see cref="Body"/>.</summary>
    public Func<HttpContext, Task>? Handler { get; set; }

    /// <summary>Completes when a call's client (the gateway) cancels it.</summary>
    public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>An SSE stream of Gemini events: <paramref name="first"/>, then more text every <paramref name="every"/> (or silence) until cancelled.</summary>
    public Func<HttpContext, Task> Stream(string first, TimeSpan? every = null, int textBytes = 16) => async context =>
    {
        context.RequestAborted.Register(() => Cancelled.TrySetResult());
        context.Response.ContentType = "text/event-stream";
        await context.Response.WriteAsync(Event(first), context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        var more = Event(new string('x', textBytes));
        while (!context.RequestAborted.IsCancellationRequested)
        {
            if (every is null)
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                break;
            }
            try
            {
                await context.Response.WriteAsync(more, context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Task.Delay(every.Value, context.RequestAborted);
            }
            catch (Exception exception) when (exception is OperationCanceledException or IOException)
            {
                break;
            }
        }
    };

    private static string Event(string text) =>
        "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"" + text + "\"}]}}]}\n\n";

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
            if (upstream.Handler is { } handler)
            {
                await handler(context);
                return;
            }
            context.Response.StatusCode = upstream.Status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(upstream.Body);
        });
        await app.StartAsync();
        return upstream;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
