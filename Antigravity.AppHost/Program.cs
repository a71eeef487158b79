using Antigravity.AppHost;
using Antigravity.AppHost.Hosting;

var options = AppHostCommandLine.Parse(args, out var error, out var helpRequested);
if (helpRequested)
{
    Console.WriteLine(AppHostCommandLine.Help);
    return 0;
}
if (options is null)
{
    Console.Error.WriteLine($"apphost: {error}");
    return 2;
}

var builder = DistributedApplication.CreateBuilder();

var antigravity = builder.AddAntigravity(options);
StartupSummary.PrintStarting(builder.Options.Output, options);
builder.OnReady((app, cancellationToken) => StartupSummary.PrintAsync(app, antigravity, options, cancellationToken));

await using var app = builder.Build();
return await app.RunAsync();
